import PhotoPipeline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum PhotoBenchData {
    static func load(directory: String) throws -> [PhotoBytes] {
        var out: [PhotoBytes] = []
        for path in files(under: directory).sorted() where [".jpg", ".jpeg", ".png"].contains(where: path.hasSuffix) {
            guard let file = fopen(path, "rb") else { continue }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
            out.append(PhotoBytes(bytes))
        }
        return out
    }

    static func files(under dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(".") { continue }
            let path = dir + "/" + name
            if entry.pointee.d_type == UInt8(DT_DIR) { out += files(under: path) } else { out.append(path) }
        }
        return out
    }
}

enum PhotoBenchExtraction {
    struct Result {
        var msPerPhoto: Double; var msDecode: Double; var msHash: Double; var faces: Int
        /// 150 px aligned face chips: detection is trivial there, so this is
        /// about the cost of one 128-d descriptor.
        var msPerChip: Double; var chips: Int
        var msPerPhotoWall: Double
    }

    static func measure(photos: [PhotoBytes], rounds: Int) throws -> Result {
        let embedder = try DlibFaceEmbedder()
        _ = try embedder.faces(in: photos[0])  // warm-up
        var faces = 0
        let wallStart = ContinuousClock.now
        var decodeTime = Duration.zero, hashTime = Duration.zero
        let total = try CPUTime.measure {
            for _ in 0..<max(1, rounds) {
                for photo in photos {
                    var image: DecodedImage?
                    decodeTime += try CPUTime.measure { image = try embedder.decoder.decode(photo) }
                    faces += try embedder.faces(in: image!).count
                }
            }
        }
        let wall = ContinuousClock.now - wallStart
        var chipTime = Duration.zero, chips = 0
        for photo in photos {
            let image = try embedder.decoder.decode(photo)
            hashTime += CPUTime.measure { _ = PerceptualHasher.hash(image) }
            if max(image.width, image.height) <= 160 {
                chips += 1
                chipTime += try CPUTime.measure { _ = try embedder.faces(in: image) }
            }
        }
        let n = Double(photos.count * max(1, rounds))
        return Result(msPerPhoto: ms(total) / n, msDecode: ms(decodeTime) / n,
                      msHash: ms(hashTime) / Double(photos.count), faces: faces / max(1, rounds),
                      msPerChip: chips == 0 ? 0 : ms(chipTime) / Double(chips), chips: chips,
                      msPerPhotoWall: ms(wall) / n)
    }

    static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}

enum PhotoBenchLookup {
    struct Result { var multiIndex16: Double; var multiIndex8: Double; var linear: Double }

    static func measure(count: Int, seed: UInt64) -> Result {
        var rng = BenchRandom(seed: seed)
        var stored: [PerceptualHash] = []
        stored.reserveCapacity(count)
        for _ in 0..<count { stored.append(PerceptualHash(rng.next(), rng.next(), rng.next(), rng.next())) }
        // Half the queries are planted 0–31 bits from a stored hash (reposts), half unrelated.
        func queries(_ n: Int) -> [PerceptualHash] {
            (0..<n).map { i in
                if i % 2 == 1 { return PerceptualHash(rng.next(), rng.next(), rng.next(), rng.next()) }
                var h = stored[Int(rng.next() % UInt64(count))]
                for _ in 0..<Int(rng.next() % 32) {
                    let bit = Int(rng.next() % 256)
                    let mask: UInt64 = 1 << UInt64(bit & 63)
                    switch bit >> 6 {
                    case 0: h.w0 ^= mask
                    case 1: h.w1 ^= mask
                    case 2: h.w2 ^= mask
                    default: h.w3 ^= mask
                    }
                }
                return h
            }
        }
        var mih16 = MultiIndexHashIndex(chunkBits: 16)
        var mih8 = MultiIndexHashIndex(chunkBits: 8)
        var linear = LinearHashIndex()
        for (i, h) in stored.enumerated() {
            mih16.insert(h, id: UInt64(i))
            mih8.insert(h, id: UInt64(i))
            linear.insert(h, id: UInt64(i))
        }
        func rate(_ qs: [PerceptualHash], _ lookup: (PerceptualHash) -> HashMatch?) -> Double {
            var hits = 0
            let d = CPUTime.measure { for q in qs where lookup(q) != nil { hits += 1 } }
            precondition(hits >= qs.count / 2, "planted queries must all be found")
            return Double(qs.count) / (PhotoBenchExtraction.ms(d) / 1000)
        }
        return Result(
            multiIndex16: rate(queries(20_000)) { mih16.nearest(to: $0, maxDistance: 31) },
            multiIndex8: rate(queries(2_000)) { mih8.nearest(to: $0, maxDistance: 31) },
            linear: rate(queries(200)) { linear.nearest(to: $0, maxDistance: 31) })
    }
}

/// A repost storm: every photo arrives several times as byte-identical copies
/// and as re-encoded, resized and cropped variants, in a shuffled order. Face
/// extraction runs only for submissions the RepostDetector calls original.
enum PhotoBenchStorm {
    struct Result {
        var submissions: Int; var unique: Int; var extractions: Int; var extractionsPerUnique: Double
        var identicalPerSecond: Double; var allPerSecond: Double; var sha256MBPerSecond: Double
        /// Variants that were not recognised as reposts, by kind.
        var missedByKind: [String: Int]
    }

    static func measure(photos: [PhotoBytes], seed: UInt64) throws -> Result {
        let decoder = PhotoDecoder()
        var rng = BenchRandom(seed: seed)
        var submissions: [(photo: PhotoBytes, source: Int, kind: String)] = []
        for (source, photo) in photos.enumerated() {
            let image = try decoder.decode(photo)
            let w = image.width, h = image.height
            for _ in 0..<10 { submissions.append((photo, source, "identical")) }
            submissions.append((image.jpegEncoded(quality: 60 + Int(rng.next() % 35)), source, "re-encoded"))
            submissions.append((image.jpegEncoded(quality: 60 + Int(rng.next() % 35)), source, "re-encoded"))
            let scale = 50 + Int(rng.next() % 40)
            submissions.append((image.resized(width: max(16, w * scale / 100), height: max(16, h * scale / 100)).jpegEncoded(quality: 85), source, "resized"))
            // PDQ tolerates about 0.5% cropped off each side (docs/photo-pipeline.md).
            let dx = max(1, w / 200), dy = max(1, h / 200)
            submissions.append((image.cropped(x: dx, y: dy, width: w - 2 * dx, height: h - 2 * dy).jpegEncoded(quality: 85), source, "cropped"))
        }
        for i in stride(from: submissions.count - 1, to: 0, by: -1) { submissions.swapAt(i, Int(rng.next() % UInt64(i + 1))) }

        let embedder = try DlibFaceEmbedder()
        var detector = RepostDetector()
        var extractions = 0
        var originalsBySource: [Int: Int] = [:]
        var missed: [String: Int] = [:]
        var id: UInt64 = 0
        let all = try CPUTime.measure {
            for submission in submissions {
                id += 1
                if case let .original(_, image) = try detector.classify(submission.photo, sightingID: id, decoder: decoder) {
                    extractions += 1
                    originalsBySource[submission.source, default: 0] += 1
                    if originalsBySource[submission.source]! > 1 { missed[submission.kind, default: 0] += 1 }
                    _ = try embedder.faces(in: image)
                }
            }
        }
        // The SHA-256 path alone: every photo again, byte-identical.
        let repeats = 20
        let identical = try CPUTime.measure {
            for _ in 0..<repeats {
                for photo in photos {
                    id += 1
                    if case .original = try detector.classify(photo, sightingID: id, decoder: decoder) { extractions += 1 }
                }
            }
        }
        var bytes = 0
        let hashing = CPUTime.measure {
            for _ in 0..<repeats {
                for photo in photos {
                    bytes += photo.count
                    _ = PhotoFingerprint.digest(of: photo)
                }
            }
        }
        return Result(
            submissions: submissions.count, unique: photos.count, extractions: extractions,
            extractionsPerUnique: Double(extractions) / Double(photos.count),
            identicalPerSecond: Double(repeats * photos.count) / (PhotoBenchExtraction.ms(identical) / 1000),
            allPerSecond: Double(submissions.count) / (PhotoBenchExtraction.ms(all) / 1000),
            sha256MBPerSecond: Double(bytes) / 1e6 / (PhotoBenchExtraction.ms(hashing) / 1000),
            missedByKind: missed)
    }
}

/// CPU time of the calling thread. Every measured loop here is synchronous on
/// one thread (OpenBLAS pinned to one thread), so this is the cost per core,
/// unaffected by other processes competing for the 2 cores.
enum CPUTime {
    static func now() -> Duration {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return .seconds(Int64(ts.tv_sec)) + .nanoseconds(Int64(ts.tv_nsec))
    }

    static func measure(_ body: () throws -> Void) rethrows -> Duration {
        let start = now()
        try body()
        return now() - start
    }
}

struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import HomewardBasics
import PhotoPipeline
/// A seeded mutation fuzzer for the image decoder (issue 7: "every decoder
/// fuzzed"). It mutates valid JPEG and PNG files (bit flips, truncation,
/// insertions, header fields, segment and chunk lengths, splices between
/// formats), feeds each to `PhotoDecoder.decode` and hashes what decodes with
/// `PerceptualHasher.hash`, exactly as the coordinator does with a photo.
///
/// A crash of the C decoders or a Swift trap ends the process, so it cannot
/// hide. Everything else that would be a bug is counted in `findings`:
/// an error kind the decoder must never produce for bytes, a header-size bomb
/// that was not refused as `tooManyPixels`, a hash quality outside 0…100, or
/// the same bytes decoding twice to different results (which would show the
/// decoder reading uninitialised memory).
///
/// Pure and deterministic for a seed: a finding names the input number, and
/// `input(at:)` rebuilds that input for a debugger.
public struct PhotoFuzzer: Sendable {
    public struct Report: Sendable, Equatable {
        public var inputs = 0
        /// Decoded and hashed.
        public var decoded = 0
        public var rejected = 0
        /// Rejections by kind, e.g. `corrupt.jpeg`, `tooManyPixels`.
        public var rejections: [String: Int] = [:]
        /// Inputs whose header was set to more pixels than the limit (all must be refused).
        public var bombsPlanted = 0
        /// Problems found; each names its input number. Must stay empty.
        public var findings: [String] = []
        public var internalErrors: Int { findings.count }
    }

    public var seed: UInt64
    /// Valid JPEG and PNG files to mutate (`seedCorpus()` by default).
    public var corpus: [PhotoBytes]
    public var limits: PhotoLimits
    /// Every `recheckEvery`-th input is decoded a second time and compared.
    public var recheckEvery = 16

    public init(seed: UInt64, corpus: [PhotoBytes] = PhotoFuzzer.seedCorpus(), limits: PhotoLimits = .standard) {
        precondition(!corpus.isEmpty, "the fuzzer needs at least one seed file")
        self.seed = seed
        self.corpus = corpus
        self.limits = limits
    }

    public func run(iterations: Int) -> Report {
        var report = Report()
        let decoder = PhotoDecoder(limits: limits)
        for i in 0..<iterations {
            let (bytes, bomb) = input(at: i)
            report.inputs += 1
            if bomb { report.bombsPlanted += 1 }
            let outcome = Self.outcome(of: bytes, decoder: decoder)
            switch outcome {
            case .decoded(let w, let h, let quality, _):
                report.decoded += 1
                if bomb { report.findings.append("input \(i): header declares more than \(limits.maxPixels) pixels but \(w)×\(h) decoded") }
                if !(0...100).contains(quality) { report.findings.append("input \(i): hash quality \(quality) outside 0…100") }
            case .rejected(let error):
                report.rejected += 1
                report.rejections[error.fuzzKind, default: 0] += 1
                if let problem = Self.problem(with: error, bytes: bytes, bomb: bomb, limits: limits) {
                    report.findings.append("input \(i): \(problem)")
                }
            }
            if recheckEvery > 0, i % recheckEvery == 0, Self.outcome(of: bytes, decoder: decoder) != outcome {
                report.findings.append("input \(i): decoding the same bytes twice gave different results")
            }
        }
        return report
    }

    /// Input number `index` of this fuzzer's run, and whether its header was
    /// made a decompression bomb. Each input has its own generator state, so
    /// any one can be rebuilt without replaying the run.
    public func input(at index: Int) -> (bytes: PhotoBytes, bomb: Bool) {
        var rng = SeededGenerator(seed: seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        var bytes = corpus[rng.below(corpus.count)].bytes
        // One in 16 inputs is a pure header bomb: the only change is the
        // declared size, so it must be refused as `tooManyPixels`.
        if rng.below(16) == 0, Self.plantBomb(&bytes, limit: limits.maxPixels, using: &rng) {
            return (PhotoBytes(bytes), true)
        }
        let rounds = 1 + rng.below(4)
        for _ in 0..<rounds { Self.mutate(&bytes, corpus: corpus, using: &rng) }
        return (PhotoBytes(bytes), false)
    }

    enum Outcome: Equatable {
        case decoded(width: Int, height: Int, quality: Int, hash: PerceptualHash)
        case rejected(PhotoError)
    }

    static func outcome(of bytes: PhotoBytes, decoder: PhotoDecoder) -> Outcome {
        do throws(PhotoError) {
            let image = try decoder.decode(bytes)
            let result = PerceptualHasher.hash(image)
            return .decoded(width: image.width, height: image.height, quality: result.quality, hash: result.hash)
        } catch {
            return .rejected(error)
        }
    }

    /// Why `error` is wrong for these bytes, or nil when it is a fair rejection.
    static func problem(with error: PhotoError, bytes: PhotoBytes, bomb: Bool, limits: PhotoLimits) -> String? {
        switch error {
        case .empty where !bytes.bytes.isEmpty:
            return "\(bytes.count) bytes reported as empty"
        case .tooManyBytes(let count, let limit) where count <= limit:
            return "tooManyBytes for \(count) bytes under the limit \(limit)"
        case .tooManyPixels(let w, let h, let limit) where w * h <= limit:
            return "tooManyPixels for \(w)×\(h), within the limit \(limit)"
        case .modelFileMissing, .modelFileCorrupt, .modelLoadFailed, .extractionFailed, .outOfMemory:
            return "decoder produced \(error.fuzzKind): \(error)"
        case .tooManyPixels:
            return nil
        default:
            return bomb ? "header bomb rejected as \(error.fuzzKind) instead of tooManyPixels: \(error)" : nil
        }
    }
}

extension PhotoError {
    /// A short label for counting rejections: the case, and the format when it has one.
    public var fuzzKind: String {
        switch self {
        case .empty: "empty"
        case .tooManyBytes: "tooManyBytes"
        case .unknownFormat: "unknownFormat"
        case .tooManyPixels: "tooManyPixels"
        case .truncated(let f, _): "truncated.\(f)"
        case .corrupt(let f, _): "corrupt.\(f)"
        case .unsupported(let f, _): "unsupported.\(f)"
        case .outOfMemory: "outOfMemory"
        case .modelFileMissing: "modelFileMissing"
        case .modelFileCorrupt: "modelFileCorrupt"
        case .modelLoadFailed: "modelLoadFailed"
        case .extractionFailed: "extractionFailed"
        }
    }
}



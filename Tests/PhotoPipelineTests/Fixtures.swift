import PhotoPipeline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The face photos in Fixtures/ (see Fixtures/README.md for their sources and
/// licences): adults, public figures, test use only.
struct Fixture: Sendable, Hashable, CustomStringConvertible {
    /// Path under Fixtures/.
    let path: String
    /// Identity label for single-face photos; nil for multi-face and negative photos.
    let identity: String?

    var description: String { path }

    func bytes() -> PhotoBytes { PhotoBytes(Fixtures.read(Fixtures.root + "/" + path)) }
}

enum Fixtures {
    static let root: String = {
        let file = #filePath
        let dir = file[..<file.lastIndex(of: "/")!]
        return dir + "/Fixtures"
    }()

    /// Every single-face photo, labelled by its folder.
    static let singleFace: [Fixture] = {
        var out: [Fixture] = []
        for group in ["dlib-johns", "face_recognition", "deepface"] {
            for person in list(root + "/" + group) where person != "multi" {
                for file in list(root + "/" + group + "/" + person) where [".jpg", ".jpeg", ".png"].contains(where: file.hasSuffix) {
                    out.append(Fixture(path: "\(group)/\(person)/\(file)", identity: "\(group)/\(person)"))
                }
            }
        }
        return out
    }()

    static let multi = [
        Fixture(path: "face_recognition/multi/kit_with_rose.jpg", identity: nil),
        Fixture(path: "face_recognition/multi/two_people.jpg", identity: nil),
    ]
    static let baldGuys = Fixture(path: "dlib-faces/bald_guys.jpg", identity: nil)
    static let dogs = Fixture(path: "dlib-faces/dogs.jpg", identity: nil)

    static var all: [Fixture] { singleFace + multi + [baldGuys, dogs] }

    static func list(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    static func read(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { fatalError("missing fixture \(path)") }
        defer { fclose(file) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

/// Faces of every fixture, extracted once per test run with the real model
/// (~75 photos, a few seconds) and shared by the tests. Fails with the
/// model-files error (which names `ops/setup`) when the models are missing.
enum FixtureFaces {
    static let all: Result<[Fixture: [DetectedFace]], PhotoError> = {
        do throws(PhotoError) {
            let embedder = try DlibFaceEmbedder()
            var out: [Fixture: [DetectedFace]] = [:]
            for fixture in Fixtures.all { out[fixture] = try embedder.faces(in: fixture.bytes()) }
            return .success(out)
        } catch {
            return .failure(error)
        }
    }()

    static func get() throws -> [Fixture: [DetectedFace]] {
        try all.get()
    }
}

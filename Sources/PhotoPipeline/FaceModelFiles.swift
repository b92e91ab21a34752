import Crypto
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the dlib model files live and how they are checked. `ops/setup`
/// (ops/setup.d/10-face-models) downloads them from the PyPI sdist
/// `face-recognition-models` 0.3.0 into this directory.
public struct FaceModelFiles: Sendable, Hashable {
    public static let shapePredictorName = "shape_predictor_5_face_landmarks.dat"
    public static let recognitionModelName = "dlib_face_recognition_resnet_model_v1.dat"
    /// SHA-256 of each file, the same as recorded in ops/setup.d/10-face-models.
    public static let expected: [String: (size: Int, sha256: String)] = [
        shapePredictorName: (9_150_489, "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888"),
        recognitionModelName: (22_466_066, "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30"),
    ]
    /// The environment variable that overrides the default directory.
    public static let directoryVariable = "HOMEWARD_MODEL_DIR"

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `$HOMEWARD_MODEL_DIR`, else `$HOME/.cache/homeward/models`.
    public static func defaultDirectory() -> String {
        if let dir = getenv(directoryVariable).map({ String(cString: $0) }), !dir.isEmpty { return dir }
        let home = getenv("HOME").map { String(cString: $0) } ?? "."
        return home + "/.cache/homeward/models"
    }

    public static var standard: FaceModelFiles { FaceModelFiles(directory: defaultDirectory()) }

    public var shapePredictorPath: String { directory + "/" + Self.shapePredictorName }
    public var recognitionModelPath: String { directory + "/" + Self.recognitionModelName }

    /// Checks both files exist with the expected size and SHA-256. The hash is
    /// computed once per file per process (31 MB), then remembered.
    public func verify() throws(PhotoError) {
        for name in [Self.shapePredictorName, Self.recognitionModelName] {
            let path = directory + "/" + name
            guard let want = Self.expected[name] else { continue }
            var info = stat()
            guard stat(path, &info) == 0 else { throw .modelFileMissing(path: path) }
            if Int(info.st_size) == want.size && Self.verified.withLock({ $0.contains(path) }) { continue }
            guard let bytes = Self.readFile(path) else { throw .modelFileMissing(path: path) }
            let actual = SHA256.hash(data: bytes).map { String(format2: $0) }.joined()
            guard bytes.count == want.size, actual == want.sha256 else {
                throw .modelFileCorrupt(path: path, expectedSHA256: want.sha256, actualSHA256: actual)
            }
            Self.verified.withLock { _ = $0.insert(path) }
        }
    }

    private static let verified = Mutex<Set<String>>([])

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

/// Why a photo could not be turned into faces or a hash. Each case carries what
/// a sender needs to fix the input; none carries pixel data or personal data.
public enum PhotoError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooManyBytes(count: Int, limit: Int)
    case unknownFormat
    case tooManyPixels(width: Int, height: Int, limit: Int)
    case truncated(format: ImageFormat, detail: String)
    case corrupt(format: ImageFormat, detail: String)
    case unsupported(format: ImageFormat, detail: String)
    case outOfMemory
    case modelFileMissing(path: String)
    case modelFileCorrupt(path: String, expectedSHA256: String, actualSHA256: String)
    case modelLoadFailed(detail: String)
    case extractionFailed(detail: String)

    /// The command that downloads and checks the model files.
    public static let fetchModelsCommand = "ops/setup"

    public var description: String {
        switch self {
        case .empty:
            return "the photo is empty (0 bytes)"
        case let .tooManyBytes(count, limit):
            return "the photo has \(count) bytes, over the limit of \(limit); send a smaller JPEG or PNG"
        case .unknownFormat:
            return "the photo is neither JPEG nor PNG; convert it to JPEG or PNG"
        case let .tooManyPixels(width, height, limit):
            return "the photo declares \(width)×\(height) pixels, over the limit of \(limit) pixels; scale it down"
        case let .truncated(format, detail):
            return "the \(format) photo is truncated (\(detail)); send the complete file"
        case let .corrupt(format, detail):
            return "the \(format) photo cannot be decoded (\(detail))"
        case let .unsupported(format, detail):
            return "the \(format) photo uses an unsupported encoding (\(detail))"
        case .outOfMemory:
            return "out of memory decoding the photo"
        case let .modelFileMissing(path):
            return "face model file \(path) is missing; run `\(Self.fetchModelsCommand)` to download and check it"
                + " (or set HOMEWARD_MODEL_DIR to the directory holding it)"
        case let .modelFileCorrupt(path, expected, actual):
            return "face model file \(path) has SHA-256 \(actual), expected \(expected); delete it and run `\(Self.fetchModelsCommand)`"
        case let .modelLoadFailed(detail):
            return "cannot load the face models (\(detail)); run `\(Self.fetchModelsCommand)`"
        case let .extractionFailed(detail):
            return "face extraction failed (\(detail))"
        }
    }
}

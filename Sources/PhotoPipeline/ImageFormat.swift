/// The container format of a photo file.
public enum ImageFormat: String, Sendable, Hashable, CustomStringConvertible {
    case jpeg = "JPEG"
    case png = "PNG"

    public var description: String { rawValue }
}

/// An upright RGB8 image: pixels tightly packed, row-major, 3 bytes per pixel,
/// EXIF orientation already applied.
public struct DecodedImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public let rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(width > 0 && height > 0 && rgb.count == width * height * 3, "RGB buffer does not match its size")
        self.width = width
        self.height = height
        self.rgb = rgb
    }
}

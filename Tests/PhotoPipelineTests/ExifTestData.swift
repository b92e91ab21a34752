import PhotoPipeline

/// Builds EXIF APP1 segments for tests.
enum ExifTestData {
    /// An APP1 "Exif" segment holding only IFD0 with the orientation tag.
    static func app1(orientation: UInt16, bigEndian: Bool = true) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] { bigEndian ? u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) : u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)
        tiff += u16(1)  // one entry
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)  // no next IFD
        let payload: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// `jpeg` with an EXIF segment inserted right after SOI.
    static func withOrientation(_ jpeg: PhotoBytes, _ orientation: ExifOrientation, bigEndian: Bool = true) -> PhotoBytes {
        let bytes = jpeg.bytes
        return PhotoBytes(Array(bytes[0..<2]) + app1(orientation: UInt16(orientation.rawValue), bigEndian: bigEndian) + Array(bytes[2...]))
    }
}

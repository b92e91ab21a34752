extension ExifOrientation {
    /// Reads the orientation tag from a JPEG's APP1 "Exif" segment; `.up` when
    /// absent or malformed (a broken EXIF block must not reject a photo whose
    /// pixels are fine). PNG files carry no orientation here.
    public static func parse(jpeg bytes: [UInt8]) -> ExifOrientation {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return .up }
        var offset = 2
        // Walk the marker segments before the image data (SOS).
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return .up }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xDA || marker == 0xD9 { return .up }  // SOS / EOI: no EXIF before pixels
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { return .up }
            if marker == 0xE1, let found = fromExifSegment(bytes, start: offset + 4, end: offset + 2 + length) {
                return found
            }
            offset += 2 + length
        }
        return .up
    }

    /// Parses "Exif\0\0" + TIFF header + IFD0 looking for tag 0x0112.
    static func fromExifSegment(_ b: [UInt8], start: Int, end: Int) -> ExifOrientation? {
        let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
        guard end - start >= 6 + 8, Array(b[start..<start + 6]) == exifHeader else { return nil }
        let tiff = start + 6
        let littleEndian: Bool
        switch (b[tiff], b[tiff + 1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= tiff, at + 2 <= end else { return nil }
            return littleEndian ? Int(b[at]) | Int(b[at + 1]) << 8 : Int(b[at]) << 8 | Int(b[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let lo = u16(littleEndian ? at : at + 2), let hi = u16(littleEndian ? at + 2 : at) else { return nil }
            return hi << 16 | lo
        }
        guard u16(tiff + 2) == 42, let ifd = u32(tiff + 4), let count = u16(tiff + ifd) else { return nil }
        for i in 0..<count {
            let entry = tiff + ifd + 2 + 12 * i
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                // Type SHORT (3), count 1: the value sits in the first 2 bytes of the value field.
                guard u16(entry + 2) == 3, let value = u16(entry + 8) else { return nil }
                return ExifOrientation(rawValue: Int32(value))
            }
        }
        return nil
    }
}

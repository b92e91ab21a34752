/// The structure of JPEG and PNG files as far as the fuzzer needs it: where the
/// marker segments and chunks are, big-endian fields, and PNG's CRC-32 and
/// zlib's Adler-32 (to build seed files and keep mutated chunks valid).
enum ImageParts {
    struct Segment: Equatable {
        /// Offset of the segment's 0xFF marker byte.
        var offset: Int
        var marker: UInt8
        /// The length field: counts itself (2 bytes) and the payload.
        var length: Int
    }

    struct Chunk: Equatable {
        /// Offset of the chunk's 4-byte length field.
        var offset: Int
        var length: Int
        var type: String
    }

    /// JPEG marker segments with a length field, from after SOI up to and
    /// including SOS, each lying wholly inside `bytes`. Empty for non-JPEG data.
    static func jpegSegments(_ bytes: [UInt8]) -> [Segment] {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return [] }
        var out: [Segment] = []
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            if marker == 0xD9 || (0xD0...0xD7).contains(marker) || marker == 0x01 { break }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { break }
            out.append(Segment(offset: offset, marker: marker, length: length))
            if marker == 0xDA { break }
            offset += 2 + length
        }
        return out
    }

    /// SOF0…SOF15 (not DHT 0xC4, JPG 0xC8 or DAC 0xCC): the frame header with the image size.
    static func isFrameHeader(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// PNG chunks lying wholly inside `bytes`, in order. Empty for non-PNG data.
    static func pngChunks(_ bytes: [UInt8]) -> [Chunk] {
        guard bytes.count >= 8, Array(bytes[0..<8]) == pngSignature else { return [] }
        var out: [Chunk] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = get32(bytes, at: offset)
            guard length <= bytes.count - offset - 12 else { break }
            out.append(Chunk(offset: offset, length: length, type: String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)))
            offset += 12 + length
        }
        return out
    }

    static func get32(_ bytes: [UInt8], at i: Int) -> Int {
        Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
    }

    static func put16(_ bytes: inout [UInt8], at i: Int, _ value: Int) {
        guard i >= 0, i + 2 <= bytes.count else { return }
        bytes[i] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[i + 1] = UInt8(truncatingIfNeeded: value)
    }

    static func put32(_ bytes: inout [UInt8], at i: Int, _ value: Int) {
        guard i >= 0, i + 4 <= bytes.count else { return }
        for k in 0..<4 { bytes[i + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
    }

    /// Recomputes the CRC of `chunk` (over its type and data) in place.
    static func fixCRC(_ bytes: inout [UInt8], chunk: Chunk) {
        let end = chunk.offset + 8 + chunk.length
        guard end + 4 <= bytes.count else { return }
        put32(&bytes, at: end, Int(crc32(bytes[chunk.offset + 4..<end])))
    }

    /// A whole chunk: length, type, data, CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 4)
        put32(&out, at: 0, data.count)
        let body = Array(type.utf8) + data
        var crc = [UInt8](repeating: 0, count: 4)
        put32(&crc, at: 0, Int(crc32(body[...])))
        return out + body + crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 as PNG defines it (ISO 3309, reflected, polynomial 0xEDB88320).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// zlib's Adler-32 checksum.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes {
            a = (a + UInt32(x)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}

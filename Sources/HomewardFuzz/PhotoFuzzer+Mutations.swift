import HomewardBasics
import PhotoPipeline
extension PhotoFuzzer {
    /// One mutation, chosen at random. The format-aware ones find JPEG marker
    /// segments and PNG chunks so that the change lands in a field the decoder
    /// reads (and a PNG chunk's CRC is usually fixed, so libpng gets past it).
    static func mutate(_ bytes: inout [UInt8], corpus: [PhotoBytes], using rng: inout SeededGenerator) {
        switch rng.below(12) {
        case 0, 1:  // flip 1-8 bits
            guard !bytes.isEmpty else { return }
            for _ in 0...rng.below(8) { bytes[rng.below(bytes.count)] ^= 1 << UInt8(rng.below(8)) }
        case 2:  // an interesting byte value
            guard !bytes.isEmpty else { return }
            bytes[rng.below(bytes.count)] = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xD8, 0xD9, 0xDA][rng.below(8)]
        case 3:  // truncate
            bytes.removeLast(bytes.isEmpty ? 0 : 1 + rng.below(bytes.count))
        case 4:  // insert random bytes, or a run of one repeated byte
            let run = (0..<(1 + rng.below(16))).map { _ in rng.byte() }
            let fill = rng.below(2) == 0 ? run : [UInt8](repeating: run[0], count: 1 + rng.below(64))
            bytes.insert(contentsOf: fill, at: rng.below(bytes.count + 1))
        case 5:  // delete a run
            guard !bytes.isEmpty else { return }
            let start = rng.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + rng.below(32)))
        case 6:
            corruptHeaderField(&bytes, using: &rng)
        case 7:
            corruptLength(&bytes, using: &rng)
        case 8:  // splice: this file's head on another's tail (often another format)
            let other = corpus[rng.below(corpus.count)].bytes
            let cut = rng.below(bytes.count + 1), from = rng.below(other.count + 1)
            bytes = Array(bytes[..<cut]) + other[from...]
        case 9:
            duplicateOrDropPart(&bytes, using: &rng)
        case 10:
            corruptPayload(&bytes, using: &rng)
        default:  // copy a run over another place in the file
            guard bytes.count > 2 else { return }
            let from = rng.below(bytes.count), to = rng.below(bytes.count)
            let run = Array(bytes[from..<min(bytes.count, from + 1 + rng.below(24))])
            for (k, b) in run.enumerated() where to + k < bytes.count { bytes[to + k] = b }
        }
    }

    /// Sets the declared image size to more than `limit` pixels. False when the
    /// file has no size field to change (then the input is mutated normally).
    static func plantBomb(_ bytes: inout [UInt8], limit: Int, using rng: inout SeededGenerator) -> Bool {
        if let sof = ImageParts.jpegSegments(bytes).first(where: { ImageParts.isFrameHeader($0.marker) && $0.length >= 8 }) {
            // 16-bit sides: pick a width, then a height that takes the product over the limit.
            let width = max(limit / 65_535 + 1, 1 + rng.below(65_535))
            let height = min(65_535, limit / width + 1 + rng.below(64))
            guard width * height > limit else { return false }
            ImageParts.put16(&bytes, at: sof.offset + 5, height)
            ImageParts.put16(&bytes, at: sof.offset + 7, width)
            return true
        }
        if let ihdr = ImageParts.pngChunks(bytes).first(where: { $0.type == "IHDR" && $0.length >= 8 }) {
            let width = 1 + rng.below(Int(UInt32.max))
            let height = min(Int(UInt32.max), limit / width + 1 + rng.below(1 << 20))
            ImageParts.put32(&bytes, at: ihdr.offset + 8, width)
            ImageParts.put32(&bytes, at: ihdr.offset + 12, height)
            // The size is checked before the CRC: a wrong CRC must not let a bomb through.
            if rng.below(2) == 0 { ImageParts.fixCRC(&bytes, chunk: ihdr) }
            return true
        }
        return false
    }

    /// A field of the JPEG frame header or tables, or of the PNG IHDR.
    static func corruptHeaderField(_ bytes: inout [UInt8], using rng: inout SeededGenerator) {
        let sides = [0, 1, 2, 7, 8, 9, 15, 16, 17, 255, 256, 1000, 4096, 65_535]
        let segments = ImageParts.jpegSegments(bytes)
        if !segments.isEmpty {
            let s = segments[rng.below(segments.count)]
            if ImageParts.isFrameHeader(s.marker) && s.length >= 8 && rng.below(2) == 0 {
                // SOF: P(1) Y(2) X(2) Nf(1) then Nf × (C, HV, Tq)
                switch rng.below(4) {
                case 0: ImageParts.put16(&bytes, at: s.offset + 5, sides[rng.below(sides.count)] % 1200)
                case 1: ImageParts.put16(&bytes, at: s.offset + 7, sides[rng.below(sides.count)] % 1200)
                case 2: bytes[s.offset + 4] = [0, 1, 7, 8, 12, 16, 255][rng.below(7)]
                default:
                    let at = s.offset + 9 + rng.below(max(1, s.length - 7))
                    if at < bytes.count { bytes[at] = [0, 1, 3, 4, 5, 0x11, 0x22, 0x44, 0x41, 0xFF][rng.below(10)] }
                }
            } else {
                let at = s.offset + 4 + rng.below(max(1, s.length - 2))
                if at < bytes.count { bytes[at] = rng.below(2) == 0 ? rng.byte() : [0, 1, 0x10, 0x11, 0xFF][rng.below(5)] }
            }
            return
        }
        guard let ihdr = ImageParts.pngChunks(bytes).first(where: { $0.type == "IHDR" && $0.length >= 13 }) else {
            if !bytes.isEmpty { bytes[rng.below(bytes.count)] = rng.byte() }
            return
        }
        let data = ihdr.offset + 8
        switch rng.below(5) {
        case 0: ImageParts.put32(&bytes, at: data, sides[rng.below(sides.count)] % 1200)
        case 1: ImageParts.put32(&bytes, at: data + 4, sides[rng.below(sides.count)] % 1200)
        case 2: bytes[data + 8] = [0, 1, 2, 3, 4, 8, 16, 255][rng.below(8)]  // bit depth
        case 3: bytes[data + 9] = [0, 1, 2, 3, 4, 5, 6, 7][rng.below(8)]  // colour type
        default: bytes[data + 10 + rng.below(3)] = [0, 1, 2, 255][rng.below(4)]  // compression, filter, interlace
        }
        if rng.below(8) != 0 { ImageParts.fixCRC(&bytes, chunk: ihdr) }
    }

    /// A JPEG segment's or a PNG chunk's length field.
    static func corruptLength(_ bytes: inout [UInt8], using rng: inout SeededGenerator) {
        let segments = ImageParts.jpegSegments(bytes)
        if !segments.isEmpty {
            let s = segments[rng.below(segments.count)]
            let values = [0, 1, 2, 3, s.length - 1, s.length + 1, s.length + 100, 0xFFFF, rng.below(0x10000)]
            ImageParts.put16(&bytes, at: s.offset + 2, max(0, values[rng.below(values.count)]) & 0xFFFF)
            return
        }
        let chunks = ImageParts.pngChunks(bytes)
        guard !chunks.isEmpty else { return }
        let c = chunks[rng.below(chunks.count)]
        let values = [0, 1, c.length - 1, c.length + 1, c.length + 4096, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, rng.below(1 << 32)]
        ImageParts.put32(&bytes, at: c.offset, max(0, values[rng.below(values.count)]))
    }

    /// Repeats or removes a whole JPEG segment or PNG chunk (two IHDRs, no PLTE…).
    static func duplicateOrDropPart(_ bytes: inout [UInt8], using rng: inout SeededGenerator) {
        var parts = ImageParts.jpegSegments(bytes).map { ($0.offset, $0.length + 2) }
        if parts.isEmpty { parts = ImageParts.pngChunks(bytes).map { ($0.offset, $0.length + 12) } }
        guard !parts.isEmpty else { return }
        let (offset, size) = parts[rng.below(parts.count)]
        let end = min(bytes.count, offset + size)
        if rng.below(2) == 0 {
            bytes.insert(contentsOf: Array(bytes[offset..<end]), at: end)
        } else {
            bytes.removeSubrange(offset..<end)
        }
    }

    /// Bytes inside the compressed data: JPEG entropy-coded data after SOS, or
    /// a PNG chunk's data with its CRC fixed (so zlib and libpng's filters see it).
    static func corruptPayload(_ bytes: inout [UInt8], using rng: inout SeededGenerator) {
        if let sos = ImageParts.jpegSegments(bytes).last(where: { $0.marker == 0xDA }) {
            let start = sos.offset + 2 + sos.length
            guard start < bytes.count else { return }
            for _ in 0...rng.below(4) { bytes[start + rng.below(bytes.count - start)] = rng.byte() }
            return
        }
        let chunks = ImageParts.pngChunks(bytes).filter { $0.length > 0 }
        guard !chunks.isEmpty else { return }
        let c = chunks[rng.below(chunks.count)]
        for _ in 0...rng.below(4) {
            let at = c.offset + 8 + rng.below(c.length)
            if at < bytes.count { bytes[at] = rng.below(2) == 0 ? rng.byte() : bytes[at] ^ (1 << UInt8(rng.below(8))) }
        }
        ImageParts.fixCRC(&bytes, chunk: c)
    }
}

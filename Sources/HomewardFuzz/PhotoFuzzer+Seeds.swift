import PhotoPipeline
extension PhotoFuzzer {
    /// Small valid files built in memory, so the fuzzer needs no fixture files
    /// and each input decodes in microseconds: baseline JPEGs from libjpeg (one
    /// with odd sides, one with an EXIF orientation block) and PNGs of every
    /// colour type (grey, RGB, palette, grey+alpha 16-bit, RGBA; RGB split over
    /// two IDAT chunks), compressed with stored deflate blocks.
    public static func seedCorpus() -> [PhotoBytes] {
        let jpeg = DecodedImage(width: 24, height: 16, rgb: pattern(width: 24, height: 16, channels: 3)).jpegEncoded(quality: 90).bytes
        let odd = DecodedImage(width: 9, height: 13, rgb: pattern(width: 9, height: 13, channels: 3)).jpegEncoded(quality: 50).bytes
        return [
            PhotoBytes(jpeg),
            PhotoBytes(odd),
            PhotoBytes(withExifOrientation(jpeg, 6)),
            PhotoBytes(png(width: 20, height: 12, colourType: 2, depth: 8, idatParts: 2)),
            PhotoBytes(png(width: 7, height: 5, colourType: 0, depth: 8)),
            PhotoBytes(png(width: 11, height: 6, colourType: 3, depth: 2)),
            PhotoBytes(png(width: 5, height: 9, colourType: 4, depth: 16)),
            PhotoBytes(png(width: 16, height: 16, colourType: 6, depth: 8)),
        ]
    }

    /// Pixel bytes with structure (so the hash and the filters see gradients).
    static func pattern(width: Int, height: Int, channels: Int) -> [UInt8] {
        (0..<height).flatMap { y in
            (0..<width).flatMap { x in (0..<channels).map { c in UInt8(truncatingIfNeeded: x * 37 + y * 91 + c * 53 + x * y) } }
        }
    }

    /// `jpeg` with an APP1 EXIF block (big-endian TIFF, one IFD entry: orientation) after SOI.
    static func withExifOrientation(_ jpeg: [UInt8], _ orientation: UInt8) -> [UInt8] {
        let tiff: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8,  // "MM", 42, IFD0 at 8
                             0, 1,  // one entry
                             0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0,  // 0x0112 SHORT ×1
                             0, 0, 0, 0]  // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        var segment: [UInt8] = [0xFF, 0xE1, 0, 0] + payload
        ImageParts.put16(&segment, at: 2, payload.count + 2)
        return Array(jpeg[..<2]) + segment + jpeg[2...]
    }

    /// A non-interlaced PNG; rows use filter types 0…4 in turn (the filter
    /// only changes how the bytes are read back, so any bytes are valid).
    static func png(width: Int, height: Int, colourType: UInt8, depth: UInt8, idatParts: Int = 1) -> [UInt8] {
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colourType)]!
        let rowBytes = (width * channels * Int(depth) + 7) / 8
        let pixels = pattern(width: rowBytes, height: height, channels: 1)
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(UInt8(y % 5))
            raw += pixels[(y * rowBytes)..<((y + 1) * rowBytes)]
        }
        var ihdr = [UInt8](repeating: 0, count: 13)
        ImageParts.put32(&ihdr, at: 0, width)
        ImageParts.put32(&ihdr, at: 4, height)
        ihdr[8] = depth
        ihdr[9] = colourType
        var out = ImageParts.pngSignature + ImageParts.chunk("IHDR", ihdr)
        if colourType == 3 {
            let entries = 1 << Int(depth)
            out += ImageParts.chunk("PLTE", pattern(width: entries, height: 1, channels: 3))
        }
        let zlib = storedZlib(raw)
        let part = (zlib.count + idatParts - 1) / idatParts
        for start in stride(from: 0, to: zlib.count, by: part) {
            out += ImageParts.chunk("IDAT", Array(zlib[start..<min(zlib.count, start + part)]))
        }
        return out + ImageParts.chunk("IEND", [])
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let n = min(65_535, data.count - start)
            let final: UInt8 = start + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[start..<start + n]
            start += n
        } while start < data.count
        var adler = [UInt8](repeating: 0, count: 4)
        ImageParts.put32(&adler, at: 0, Int(ImageParts.adler32(data)))
        return out + adler
    }
}


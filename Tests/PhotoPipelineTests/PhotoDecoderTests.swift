import PhotoPipeline
import Testing

@Suite struct PhotoDecoderTests {
    let decoder = PhotoDecoder()
    let jpeg = Fixture(path: "face_recognition/obama/obama.jpg", identity: nil)
    let png = Fixture(path: "face_recognition/obama/32bit_rgba.png", identity: nil)

    @Test func decodesJPEGAndRGBAPNG() throws {
        let a = try decoder.decode(jpeg.bytes())
        #expect(a.rgb.count == a.width * a.height * 3)
        let b = try decoder.decode(png.bytes())
        #expect(b.rgb.count == b.width * b.height * 3 && b.width > 0)
    }

    @Test func emptyAndOversizedFilesAreRefusedBeforeDecoding() {
        #expect(throws: PhotoError.empty) { try decoder.decode(PhotoBytes([])) }
        let small = PhotoDecoder(limits: PhotoLimits(maxBytes: 1000))
        let bytes = jpeg.bytes()
        #expect(throws: PhotoError.tooManyBytes(count: bytes.count, limit: 1000)) { try small.decode(bytes) }
    }

    @Test func garbageIsUnknownFormat() {
        var rng = SplitMix(seed: 1)
        let garbage = PhotoBytes((0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        #expect(throws: PhotoError.unknownFormat) { try decoder.decode(garbage) }
    }

    @Test func garbageAfterJPEGSignatureIsCorrupt() {
        var rng = SplitMix(seed: 2)
        let bytes = PhotoBytes([0xFF, 0xD8, 0xFF, 0xE0] + (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        #expect {
            try decoder.decode(bytes)
        } throws: { error in
            if case .corrupt(.jpeg, _)? = error as? PhotoError { return true }
            return false
        }
    }

    @Test(arguments: [0.5, 0.9])
    func truncatedJPEGIsTruncated(fraction: Double) {
        let bytes = jpeg.bytes().bytes
        let cut = PhotoBytes(Array(bytes.prefix(Int(Double(bytes.count) * fraction))))
        #expect {
            try decoder.decode(cut)
        } throws: { error in
            if case .truncated(.jpeg, _)? = error as? PhotoError { return true }
            return false
        }
    }

    @Test func truncatedPNGIsTruncated() {
        let bytes = png.bytes().bytes
        let cut = PhotoBytes(Array(bytes.prefix(bytes.count / 2)))
        #expect {
            try decoder.decode(cut)
        } throws: { error in
            if case .truncated(.png, _)? = error as? PhotoError { return true }
            return false
        }
    }

    /// A JPEG whose frame header claims 60000×60000 pixels is refused from the
    /// header alone (decoding it would need 10 GB).
    @Test func hugeJPEGDimensionsAreRefused() throws {
        var bytes = jpeg.bytes().bytes
        var offset = 2
        while !(0xC0...0xC2).contains(bytes[offset + 1]) {
            offset += 2 + (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
        }
        let sof = offset
        bytes[sof + 5] = 0xEA; bytes[sof + 6] = 0x60  // height 60000
        bytes[sof + 7] = 0xEA; bytes[sof + 8] = 0x60  // width 60000
        #expect(throws: PhotoError.tooManyPixels(width: 60000, height: 60000, limit: PhotoLimits.standard.maxPixels)) {
            try decoder.decode(PhotoBytes(bytes))
        }
    }

    /// A hand-built PNG declaring 100000×100000 pixels (a decompression bomb's header).
    @Test func hugePNGDimensionsAreRefused() {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        ihdr += [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 2, 0, 0, 0]  // 100000×100000, 8-bit RGB
        let crc = CRC32.checksum(ihdr)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + ihdr
        png += [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        #expect(throws: PhotoError.tooManyPixels(width: 100_000, height: 100_000, limit: PhotoLimits.standard.maxPixels)) {
            try decoder.decode(PhotoBytes(png))
        }
    }

    @Test func largeJPEGIsDecodedAtReducedScale() throws {
        let image = try decoder.decode(Fixtures.baldGuys.bytes())  // 1986×1545: 1/2 would fall under 1024
        #expect(image.width == 1986 && image.height == 1545)
        let big = image.resized(width: 4200, height: 3000).jpegEncoded(quality: 80)
        let scaled = try decoder.decode(big)  // 1/4 → 1050×750
        #expect(scaled.width == 1050 && scaled.height == 750)
    }

    @Test(arguments: [false, true])
    func exifOrientationIsParsed(bigEndian: Bool) throws {
        let plain = try decoder.decode(jpeg.bytes()).jpegEncoded(quality: 80)
        #expect(ExifOrientation.parse(jpeg: plain.bytes) == .up)
        for orientation in ExifOrientation.allCases {
            let tagged = ExifTestData.withOrientation(plain, orientation, bigEndian: bigEndian)
            #expect(ExifOrientation.parse(jpeg: tagged.bytes) == orientation)
        }
    }

    /// Applying an orientation after its inverse gives the original pixels,
    /// and each orientation moves a marked corner pixel where EXIF says.
    @Test func orientationTransformsInvert() {
        var rng = SplitMix(seed: 3)
        let image = DecodedImage(width: 7, height: 4, rgb: (0..<(7 * 4 * 3)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        let inverse: [ExifOrientation: ExifOrientation] = [.right: .left, .left: .right]
        for o in ExifOrientation.allCases {
            let round = image.oriented(inverse[o] ?? o).oriented(o)
            #expect(round == image, "\(o)")
        }
        // Orientation 6 (rotate clockwise): the stored top-left pixel ends top-right.
        let rotated = image.oriented(.right)
        #expect(rotated.width == 4 && rotated.height == 7)
        #expect(Array(rotated.rgb[(3 * 3)..<(3 * 3 + 3)]) == Array(image.rgb[0..<3]))
    }

    @Test func exifOrientationIsAppliedOnDecode() throws {
        let upright = try decoder.decode(jpeg.bytes())
        let stored = upright.oriented(.left).jpegEncoded(quality: 100)
        let decoded = try decoder.decode(ExifTestData.withOrientation(stored, .right))
        #expect(decoded.width == upright.width && decoded.height == upright.height)
        var diff = 0
        for i in stride(from: 0, to: upright.rgb.count, by: 97) { diff += abs(Int(upright.rgb[i]) - Int(decoded.rgb[i])) }
        #expect(Double(diff) / Double(upright.rgb.count / 97) < 4)
    }
}

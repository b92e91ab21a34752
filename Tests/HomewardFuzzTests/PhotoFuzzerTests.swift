import Foundation
import Testing
import PhotoPipeline
import HomewardBasics
@testable import HomewardFuzz

/// The image-decoder fuzzer (docs/bad-input.md). The short run is the CI run;
/// HOMEWARD_FUZZ_ITERATIONS raises it (the long run uses `homeward fuzz`).
@Suite struct PhotoFuzzerTests {
    /// The generated seeds plus one real camera JPEG (5.6 kB, other tables and sampling).
    static let corpus = PhotoFuzzer.seedCorpus()
        + [FuzzTestSupport.photo("dlib-johns/John_Savage/000291_01099214.jpg")]

    @Test func everySeedDecodes() throws {
        let sizes = try Self.corpus.map { bytes in
            let image = try PhotoDecoder().decode(bytes)
            return [image.width, image.height]
        }
        // The EXIF seed (orientation 6) comes out rotated.
        #expect(Array(sizes.prefix(8)) == [[24, 16], [9, 13], [16, 24], [20, 12], [7, 5], [11, 6], [5, 9], [16, 16]])
    }

    @Test(arguments: [1, 2] as [UInt64])
    func fuzzRunHasNoCrashAndNoFinding(seed: UInt64) {
        let iterations = ProcessInfo.processInfo.environment["HOMEWARD_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1000
        let report = PhotoFuzzer(seed: seed, corpus: Self.corpus).run(iterations: iterations)
        #expect(report.inputs == iterations)
        #expect(report.findings.isEmpty, "\(report.findings.prefix(10))")
        #expect(report.decoded > 0 && report.rejected > 0, "\(report)")
        #expect(report.bombsPlanted > 0 && report.rejections["tooManyPixels", default: 0] >= report.bombsPlanted)
        // The mutations reach both decoders' error paths, not only the signature check.
        for kind in ["corrupt.JPEG", "corrupt.PNG", "truncated.JPEG", "truncated.PNG", "unknownFormat"] {
            #expect(report.rejections[kind, default: 0] > 0, "\(kind) never reached: \(report.rejections)")
        }
        print("photo fuzz seed \(seed): \(report.inputs) inputs, \(report.decoded) decoded, \(report.rejected) rejected, "
            + "\(report.bombsPlanted) bombs planted, rejections \(report.rejections.sorted { $0.key < $1.key })")
    }

    @Test func sameSeedSameReportAndInputsRebuildAlone() {
        let fuzzer = PhotoFuzzer(seed: 9, corpus: Self.corpus)
        #expect(fuzzer.run(iterations: 200) == fuzzer.run(iterations: 200))
        #expect(fuzzer.input(at: 57) == fuzzer.input(at: 57))
        #expect(fuzzer.input(at: 57) != fuzzer.input(at: 58))
    }

    /// The checks that decide a finding do fire on wrong outcomes.
    @Test func wrongOutcomesAreFindings() {
        let bytes = PhotoBytes([0xFF, 0xD8, 0xFF])
        let limits = PhotoLimits.standard
        #expect(PhotoFuzzer.problem(with: .tooManyPixels(width: 10, height: 10, limit: limits.maxPixels), bytes: bytes, bomb: false, limits: limits) != nil)
        #expect(PhotoFuzzer.problem(with: .corrupt(format: .jpeg, detail: "x"), bytes: bytes, bomb: true, limits: limits) != nil)
        #expect(PhotoFuzzer.problem(with: .outOfMemory, bytes: bytes, bomb: false, limits: limits) != nil)
        #expect(PhotoFuzzer.problem(with: .empty, bytes: bytes, bomb: false, limits: limits) != nil)
        #expect(PhotoFuzzer.problem(with: .corrupt(format: .jpeg, detail: "x"), bytes: bytes, bomb: false, limits: limits) == nil)
        #expect(PhotoFuzzer.problem(with: .tooManyPixels(width: 65_535, height: 65_535, limit: limits.maxPixels), bytes: bytes, bomb: true, limits: limits) == nil)
    }

    /// Every planted bomb, alone, is refused from the header as `tooManyPixels`.
    @Test func plantedBombsAreRefusedFromTheHeader() throws {
        var rng = SeededGenerator(seed: 3)
        for seedFile in Self.corpus {
            var bytes = seedFile.bytes
            #expect(PhotoFuzzer.plantBomb(&bytes, limit: PhotoLimits.standard.maxPixels, using: &rng))
            #expect {
                try PhotoDecoder().decode(PhotoBytes(bytes))
            } throws: { error in
                if case .tooManyPixels(let w, let h, let limit)? = error as? PhotoError { return w * h > limit }
                return false
            }
        }
    }

    /// libjpeg refuses a side over 65500 itself ("Maximum supported image
    /// dimension"); the fuzzer found that came back as `corrupt`. A bomb is
    /// now reported as one, and a long thin image as unsupported.
    @Test func jpegSidesOverLibjpegsMaximumAreABombOrUnsupported() throws {
        func withSize(width: Int, height: Int) -> PhotoBytes {
            var bytes = Self.corpus[0].bytes
            let sof = ImageParts.jpegSegments(bytes).first { ImageParts.isFrameHeader($0.marker) }!
            ImageParts.put16(&bytes, at: sof.offset + 5, height)
            ImageParts.put16(&bytes, at: sof.offset + 7, width)
            return PhotoBytes(bytes)
        }
        let limit = PhotoLimits.standard.maxPixels
        #expect(throws: PhotoError.tooManyPixels(width: 65_535, height: 65_535, limit: limit)) {
            try PhotoDecoder().decode(withSize(width: 65_535, height: 65_535))
        }
        #expect {
            try PhotoDecoder().decode(withSize(width: 65_501, height: 2))
        } throws: { error in
            if case .unsupported(.jpeg, let detail)? = error as? PhotoError { return detail.contains("65500") }
            return false
        }
    }

    @Test func imagePartsAgreeWithAPlainReading() throws {
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<20 {
            let bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(ImageParts.crc32(bytes[...]) == FuzzTestSupport.crc32(bytes))
        }
        let png = PhotoFuzzer.png(width: 20, height: 12, colourType: 2, depth: 8, idatParts: 2)
        #expect(ImageParts.pngChunks(png).map(\.type) == ["IHDR", "IDAT", "IDAT", "IEND"])
        let jpeg = Self.corpus[0].bytes
        let markers = ImageParts.jpegSegments(jpeg).map(\.marker)
        #expect(markers.contains(0xC0) && markers.last == 0xDA)
    }
}

import PhotoPipeline
import Testing

@Suite struct RepostDetectorTests {
    let decoder = PhotoDecoder()

    @Test func repostsCollapseOntoTheFirstSighting() throws {
        var detector = RepostDetector()
        let a = Fixture(path: "face_recognition/obama/obama.jpg", identity: nil).bytes()
        let b = Fixture(path: "face_recognition/biden/biden.jpg", identity: nil).bytes()

        guard case .original = try detector.classify(a, sightingID: 1) else { Issue.record("first photo must be original"); return }
        #expect(try detector.classify(a, sightingID: 2) == .repost(of: 1, kind: .identicalBytes))

        let image = try decoder.decode(a)
        let reencoded = image.resized(width: image.width * 3 / 4, height: image.height * 3 / 4).jpegEncoded(quality: 70)
        guard case let .repost(of: original, kind: .nearDuplicate(distance))? = try? detector.classify(reencoded, sightingID: 3) else {
            Issue.record("a resized re-encoded copy must be a near-duplicate repost"); return
        }
        #expect(original == 1 && distance <= 31)
        // The same variant reposted again is recognised from its bytes alone.
        #expect(try detector.classify(reencoded, sightingID: 31) == .repost(of: 1, kind: .identicalBytes))

        guard case .original = try detector.classify(b, sightingID: 4) else { Issue.record("a different photo is original"); return }
        #expect(try detector.classify(b, sightingID: 5) == .repost(of: 4, kind: .identicalBytes))
        #expect(detector.count == 2)
    }

    /// A storm of byte copies and re-encoded variants of a few photos costs one
    /// extraction per unique photo when extraction runs only on originals.
    @Test func stormCostsOneExtractionPerUniquePhoto() throws {
        let sources = Fixtures.singleFace.filter { $0.path.hasPrefix("deepface") }.prefix(6)
        var detector = RepostDetector()
        var rng = SplitMix(seed: 5)
        var submissions: [PhotoBytes] = []
        for fixture in sources {
            let bytes = fixture.bytes()
            let image = try decoder.decode(bytes)
            submissions.append(bytes)
            submissions.append(image.jpegEncoded(quality: 60 + Int(rng.next() % 30)))
            submissions.append(image.resized(width: image.width * 2 / 3, height: image.height * 2 / 3).jpegEncoded(quality: 80))
        }
        var originals = 0
        var nextID: UInt64 = 1
        for round in 0..<4 {
            for photo in submissions {
                if case .original = try detector.classify(photo, sightingID: nextID) { originals += 1 }
                nextID += 1
                _ = round
            }
        }
        #expect(originals == sources.count)
    }

    @Test func tooLargeIsRefusedBeforeHashing() {
        var detector = RepostDetector()
        let small = PhotoDecoder(limits: PhotoLimits(maxBytes: 10))
        #expect(throws: PhotoError.tooManyBytes(count: 11, limit: 10)) {
            try detector.classify(PhotoBytes(Array(repeating: 1, count: 11)), sightingID: 1, decoder: small)
        }
    }

    @Test func lowQualityHashesMatchOnlyByBytes() throws {
        var detector = RepostDetector()
        let grey = DecodedImage(width: 64, height: 64, rgb: Array(repeating: 90, count: 64 * 64 * 3))
        let other = DecodedImage(width: 64, height: 64, rgb: Array(repeating: 200, count: 64 * 64 * 3))
        guard case .original = try detector.classify(grey.jpegEncoded(quality: 90), sightingID: 1) else { Issue.record("original"); return }
        guard case .original = try detector.classify(other.jpegEncoded(quality: 90), sightingID: 2) else {
            Issue.record("flat images must not collapse by perceptual hash"); return
        }
    }
}

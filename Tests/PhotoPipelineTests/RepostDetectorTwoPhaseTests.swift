import PhotoPipeline
import Testing

@Suite struct RepostDetectorTwoPhaseTests {
    /// Inspect, store, then register: what `classify` does in one call.
    @Test func inspectThenRegisterMatchesClassify() throws {
        let decoder = PhotoDecoder()
        let a = Fixture(path: "deepface/id01/img1.jpg", identity: nil).bytes()
        let variant = try decoder.decode(a).jpegEncoded(quality: 75)
        var twoPhase = RepostDetector()
        var onePhase = RepostDetector()
        guard case let .new(fingerprint, _) = try twoPhase.inspect(a) else { Issue.record("new photo"); return }
        #expect(twoPhase.count == 0)  // inspect registers nothing
        twoPhase.register(fingerprint, sightingID: 7)
        _ = try onePhase.classify(a, sightingID: 7)
        guard case let .repost(of: id, kind: .nearDuplicate, sha256: digest) = try twoPhase.inspect(variant) else {
            Issue.record("variant is a near-duplicate"); return
        }
        #expect(id == 7)
        twoPhase.rememberRepost(bytes: digest, of: id)
        #expect(twoPhase.original(ofBytes: digest) == 7)
        _ = try onePhase.classify(variant, sightingID: 8)
        #expect(try onePhase.classify(variant, sightingID: 9) == .repost(of: 7, kind: .identicalBytes))
        #expect(twoPhase.count == 1 && onePhase.count == 1)
    }
}

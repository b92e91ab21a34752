import PhotoPipeline
import Testing

@Suite struct FaceThresholdCalibrationTests {
    /// The calibrated threshold on the labelled fixture pairs: no same-person
    /// pair falls below it, and the only different-person pairs above it are
    /// deepface's known look-alikes (id04 vs id05/img35), as docs/photo-pipeline.md records.
    @Test func calibratedThresholdSeparatesTheFixturePairs() throws {
        let faces = try FixtureFaces.get()
        let labelled = Fixtures.singleFace.compactMap { f in faces[f]?.first.map { (f, $0.embedding) } }
        let threshold = FaceMatchThreshold.dlibResNetV1
        var falseRejects: [String] = [], falseAccepts: [String] = []
        var samePairs = 0, differentPairs = 0
        for i in 0..<labelled.count {
            for j in (i + 1)..<labelled.count {
                let (a, ea) = labelled[i], (b, eb) = labelled[j]
                let score = ea.dot(eb)
                if a.identity == b.identity {
                    samePairs += 1
                    if score < threshold { falseRejects.append("\(a) ~ \(b)") }
                } else {
                    differentPairs += 1
                    if score >= threshold { falseAccepts.append("\(a) ~ \(b)") }
                }
            }
        }
        #expect(samePairs == 220 && differentPairs == 2126)
        #expect(falseRejects.isEmpty, "\(falseRejects)")
        #expect(falseAccepts.count <= 3, "\(falseAccepts)")
        #expect(falseAccepts.allSatisfy { $0.contains("deepface/id04/") && $0.contains("deepface/id05/img35.jpg") }, "\(falseAccepts)")
    }
}

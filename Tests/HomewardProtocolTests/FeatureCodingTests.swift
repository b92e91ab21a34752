import Foundation
import Testing
@testable import HomewardProtocol

@Suite struct FeatureCodingTests {
    @Test func markBitsMatchSetJaccard() throws {
        let tags = (0..<256).map { "t\($0)" }
        let vocabulary = try MarkVocabulary(tags)
        var rng = SeededRNG(seed: 5)
        for _ in 0..<300 {
            let a = tags.filter { _ in rng.next() % 9 == 0 }
            let b = tags.filter { _ in rng.next() % 9 == 0 }
            let bitsA = vocabulary.bits(for: a), bitsB = vocabulary.bits(for: b)
            #expect(vocabulary.tags(in: bitsA) == a)
            let sa = Set(a), sb = Set(b)
            let oracle = sa.union(sb).isEmpty ? 0 : Double(sa.intersection(sb).count) / Double(sa.union(sb).count)
            #expect(MarkBitsCoding.jaccard(bitsA, bitsB) == oracle)
        }
        #expect(MarkBitsCoding.jaccard(vocabulary.bits(for: []), vocabulary.bits(for: [])) == 0)
        #expect(vocabulary.bits(for: ["t255"]).w3 == 1 << 63)
    }

    @Test func vocabularyProblems() {
        #expect(throws: MarkVocabulary.Problem.tooManyTags(257)) { try MarkVocabulary((0..<257).map { "t\($0)" }) }
        #expect(throws: MarkVocabulary.Problem.duplicateTag("a")) { try MarkVocabulary(["a", "b", "a"]) }
    }

    @Test func vectorsRoundTripBitExactlyAndNormalise() {
        var rng = SeededRNG(seed: 6)
        for _ in 0..<50 {
            let values = (0..<128).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x7F7F_FFFF) * (rng.next() % 2 == 0 ? 1 : -1) }
            let vector = VectorCoding.vector(values)
            #expect(vector.f32Le.count == 512)
            #expect(VectorCoding.floats(vector)?.map(\.bitPattern) == values.map(\.bitPattern))
        }
        let n = VectorCoding.normalized(Fixtures.embedding(seed: 3))
        let norm = n.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs(norm - 1) < 1e-6)
        // Little-endian on the wire, whatever the host.
        #expect(Array(VectorCoding.vector([1]).f32Le) == [0x00, 0x00, 0x80, 0x3F])
        var odd = Homeward_V1_Vector()
        odd.f32Le = Data([1, 2, 3])
        #expect(VectorCoding.floats(odd) == nil)
    }

    @Test func photoSniffing() {
        #expect(PhotoFormat.sniff(Fixtures.jpeg) == .jpeg)
        #expect(PhotoFormat.sniff(Fixtures.png) == .png)
        #expect(PhotoFormat.sniff(Data([0xFF, 0xD8])) == nil)
        #expect(PhotoFormat.sniff(Data()) == nil)
        #expect(PhotoFormat.sniff(Fixtures.jpeg.dropFirst()) == nil)  // non-zero start index
    }
}

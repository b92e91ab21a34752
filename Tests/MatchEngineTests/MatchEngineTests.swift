import GeoIndex
import Testing
@testable import MatchEngine

/// The engine (every kernel, one or several partitions) against ReferenceMatcher.
@Suite struct MatchEngineTests {
    static func config(_ dimension: Int, topK: Int = 5) -> MatchConfig {
        MatchConfig(dimension: dimension, faceThreshold: 0.3, marksWeight: 0.10, topK: topK)
    }

    @Test(arguments: [(7, 1, UInt64(1)), (33, 3, 2), (128, 2, 3), (19, 1, 4)])
    func sightingsMatchTheReference(dimension: Int, partitions: Int, seed: UInt64) async throws {
        var rng = SeededRNG(seed: seed)
        let identities = (0..<4).map { _ in Workload.unitVector(dimension, &rng) }
        let cases = Workload.cases(count: 150, dimension: dimension, identities: identities, &rng)
        let sightings = Workload.sightings(count: 12, dimension: dimension, identities: identities, &rng)
        let config = Self.config(dimension)
        let reference = ReferenceMatcher(config: config)
        let expected = sightings.map { reference.match(sighting: $0, cases: cases) }
        #expect(expected.contains { $0.count == config.topK }, "workload too sparse to test top-k")
        for (kernel, prefilter) in Workload.testedScans {
            let engine = MatchEngine(config: config, partitions: partitions, kernel: kernel, prefilter: prefilter)
            try await engine.upsertCases(cases)
            let got = try await engine.match(sightings)
            #expect(got == expected, "kernel \(kernel) \(prefilter) seed \(seed)")
            // One at a time gives the same answer as the batch.
            let single = try await engine.match([sightings[0]])
            #expect(single[0] == expected[0])
        }
    }

    /// Past 2 MiB the panel storage is re-allocated huge-page aligned (and grown
    /// by copying): results must not change.
    @Test func largeStoreMatchesTheReference() async throws {
        var rng = SeededRNG(seed: 8)
        let dimension = 128
        let identities = (0..<6).map { _ in Workload.unitVector(dimension, &rng) }
        let cases = Workload.cases(count: 3_000, dimension: dimension, identities: identities, &rng)
        #expect(cases.reduce(0) { $0 + $1.embeddings.count } * dimension * 4 > EmbeddingPanels.hugePage)
        let sightings = Workload.sightings(count: 4, dimension: dimension, identities: identities, &rng)
        let config = Self.config(dimension)
        let reference = ReferenceMatcher(config: config)
        let engine = MatchEngine(config: config, partitions: 1, kernel: .best)
        try await engine.upsertCases(cases)
        #expect(try await engine.match(sightings) == sightings.map { reference.match(sighting: $0, cases: cases) })
        #expect(await engine.invariantViolation() == nil)
    }

    @Test func tiesAreBrokenByCaseIDAscending() async throws {
        var rng = SeededRNG(seed: 11)
        let dimension = 24
        let face = Workload.unitVector(dimension, &rng)
        let cases = (0..<30).map { i in
            CaseFeatures(id: UInt64(500 - i * 3), embeddings: [face], sex: .unknown, birthDate: 0,
                         missingSince: Workload.now - 10 * Workload.year, lastSeen: Workload.origin)
        }
        let sighting = SightingFeatures(id: 9, observedAt: Workload.now, location: Workload.origin, embeddings: [face])
        let config = Self.config(dimension, topK: 7)
        let expected = ReferenceMatcher(config: config).match(sighting: sighting, cases: cases)
        #expect(expected.map(\.caseID) == cases.map(\.id).sorted().prefix(7).map { $0 })
        for (kernel, prefilter) in Workload.testedScans {
            let engine = MatchEngine(config: config, partitions: 2, kernel: kernel, prefilter: prefilter)
            // Descending ids: every later row ties with the bar and must still get in.
            try await engine.upsertCases(cases)
            #expect(try await engine.match([sighting])[0] == expected, "kernel \(kernel) \(prefilter)")
        }
    }

    @Test func marksCanLiftALowerFaceIntoTheTopK() async throws {
        // A (face 1.0, no marks) is scanned first and fills top-1; B's face is
        // 0.0995 lower but its marks match fully, so its score is higher. The
        // kernel's bar must leave room for the marks bonus.
        let cosB: Float = 0.9005
        let b: [Float] = [cosB, (1 - cosB * cosB).squareRoot()]
        let marks = try MarkSet(tags: [3, 9])
        let caseA = CaseFeatures(id: 1, embeddings: [[1, 0]], sex: .unknown, birthDate: 0, missingSince: 0,
                                 lastSeen: Workload.origin)
        let caseB = CaseFeatures(id: 2, embeddings: [b], sex: .unknown, birthDate: 0, missingSince: 0,
                                 lastSeen: Workload.origin, marks: marks)
        let s = SightingFeatures(id: 1, observedAt: Workload.now, location: Workload.origin, marks: marks, embeddings: [[1, 0]])
        let config = MatchConfig(dimension: 2, faceThreshold: 0.5, topK: 1)
        let expected = ReferenceMatcher(config: config).match(sighting: s, cases: [caseA, caseB])
        #expect(expected.map(\.caseID) == [2])
        for (kernel, prefilter) in Workload.testedScans {
            let engine = MatchEngine(config: config, partitions: 1, kernel: kernel, prefilter: prefilter)
            try await engine.upsertCase(caseA)
            try await engine.upsertCase(caseB)
            #expect(try await engine.match([s])[0] == expected, "kernel \(kernel) \(prefilter)")
        }
    }

    @Test(arguments: [1, 2])
    func newCaseMatchesStoredSightings(partitions: Int) async throws {
        var rng = SeededRNG(seed: 21)
        let dimension = 40
        let identities = (0..<3).map { _ in Workload.unitVector(dimension, &rng) }
        let sightings = Workload.sightings(count: 120, dimension: dimension, identities: identities, &rng)
        let newCases = Workload.cases(count: 8, dimension: dimension, identities: identities, &rng)
        let config = Self.config(dimension)
        let reference = ReferenceMatcher(config: config)
        for (kernel, prefilter) in Workload.testedScans {
            let engine = MatchEngine(config: config, partitions: partitions, kernel: kernel, prefilter: prefilter)
            for s in sightings { try await engine.storeSighting(s) }
            var total = 0
            for c in newCases {
                let expected = reference.match(newCase: c, sightings: sightings)
                total += expected.count
                #expect(try await engine.matchNewCase(c) == expected, "kernel \(kernel) \(prefilter) case \(c.id)")
            }
            #expect(total > 0)
        }
    }

    @Test func rejectsBadInputWithASpecificError() async throws {
        let engine = MatchEngine(config: Self.config(4), partitions: 1)
        let good: [Float] = [1, 0, 0, 0]
        func c(_ e: [[Float]], at p: GeoPoint = Workload.origin) -> CaseFeatures {
            CaseFeatures(id: 1, embeddings: e, sex: .male, birthDate: 0, missingSince: 0, lastSeen: p)
        }
        await #expect(throws: FeatureValidationError.noEmbeddings) { try await engine.upsertCase(c([])) }
        await #expect(throws: FeatureValidationError.embedding(index: 1, reason: .wrongDimension(expected: 4, got: 3))) {
            try await engine.upsertCase(c([good, [1, 0, 0]]))
        }
        await #expect(throws: FeatureValidationError.embedding(index: 0, reason: .nonFinite(index: 2))) {
            try await engine.upsertCase(c([[1, 0, .nan, 0]]))
        }
        await #expect(throws: FeatureValidationError.embedding(index: 0, reason: .zeroVector)) {
            try await engine.upsertCase(c([[0, 0, 0, 0]]))
        }
        await #expect(throws: FeatureValidationError.embedding(index: 0, reason: .notNormalised(norm: 2))) {
            try await engine.upsertCase(c([[2, 0, 0, 0]]))
        }
        await #expect(throws: FeatureValidationError.tooManyEmbeddings(count: 9, limit: 8)) {
            try await engine.upsertCase(c(Array(repeating: good, count: 9)))
        }
        await #expect(throws: FeatureValidationError.invalidLocation) {
            try await engine.upsertCase(c([good], at: GeoPoint(latitude: 91, longitude: 0)))
        }
        let s = SightingFeatures(id: 1, observedAt: 0, location: Workload.origin, estimatedAge: 5...200, embeddings: [good])
        await #expect(throws: FeatureValidationError.invalidAgeRange(lo: 5, hi: 200)) { _ = try await engine.match([s]) }
        // Ages up to 100 years, as the protocol takes them: 100 is in, just over is out.
        let adult = SightingFeatures(id: 2, observedAt: 0, location: Workload.origin, estimatedAge: 95...100, embeddings: [good])
        _ = try await engine.match([adult])
        let over = SightingFeatures(id: 3, observedAt: 0, location: Workload.origin, estimatedAge: 95...100.01, embeddings: [good])
        await #expect(throws: FeatureValidationError.invalidAgeRange(lo: 95, hi: 100.01)) { _ = try await engine.match([over]) }
        #expect(await engine.caseCount() == 0)
    }

    @Test func normaliserNormalisesAndRejects() throws {
        let n = EmbeddingNormaliser(dimension: 3)
        let v = try n.normalise([3, 0, 4])
        #expect(v == [0.6, 0, 0.8])
        #expect(throws: FeatureValidationError.zeroVector) { try n.normalise([0, 0, 0]) }
        #expect(throws: FeatureValidationError.nonFinite(index: 1)) { try n.normalise([1, .infinity, 0]) }
        #expect(throws: FeatureValidationError.wrongDimension(expected: 3, got: 2)) { try n.normalise([1, 0]) }
        #expect(!FeatureValidationError.zeroVector.description.isEmpty)
    }

    @Test func markSetJaccardMatchesTheDefinition() throws {
        var rng = SeededRNG(seed: 3)
        #expect(MarkSet().jaccard(MarkSet()) == 0)
        for _ in 0..<200 {
            let a = try MarkSet(tags: (0..<Int.random(in: 0...6, using: &rng)).map { _ in Int.random(in: 0..<256, using: &rng) })
            let b = try MarkSet(tags: (0..<Int.random(in: 0...6, using: &rng)).map { _ in Int.random(in: 0..<256, using: &rng) })
            #expect(a.jaccard(b) == ReferenceMatcher.jaccard(a, b))
            let sa = Set(a.tags), sb = Set(b.tags)
            let expected = sa.union(sb).isEmpty ? 0 : Double(sa.intersection(sb).count) / Double(sa.union(sb).count)
            #expect(a.jaccard(b) == expected)
        }
        #expect(throws: FeatureValidationError.markTagOutOfRange(256)) { try MarkSet(tags: [256]) }
    }
}

import Testing
@testable import MatchEngine

/// Add, update and remove in random order; the store's cross-references and
/// contents are checked against a plain dictionary after every step.
@Suite struct FeatureStoreTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func randomMutationsKeepTheStoreConsistent(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        let dimension = 5
        let store = FeatureStore<Int>(dimension: dimension)
        var model: [UInt64: (embeddings: [[Float]], value: Int)] = [:]
        for step in 0..<600 {
            let id = UInt64.random(in: 0..<60, using: &rng)
            if Int.random(in: 0..<3, using: &rng) == 0 {
                #expect(store.remove(id: id) == (model.removeValue(forKey: id) != nil))
            } else {
                let rows = (0..<Int.random(in: 1...8, using: &rng)).map { _ in Workload.unitVector(dimension, &rng) }
                store.upsert(id: id, embeddings: rows, attributes: step)
                model[id] = (rows, step)
            }
            if let violation = store.invariantViolation() {
                Issue.record("seed \(seed) step \(step): \(violation)")
                return
            }
        }
        #expect(store.itemCount == model.count)
        #expect(store.rowCount == model.values.reduce(0) { $0 + $1.embeddings.count })
        for (id, entry) in model {
            #expect(store.embeddings(of: id) == entry.embeddings)
            #expect(store.slot(of: id).map { store.attributes[$0] } == entry.value)
        }
    }

    @Test func engineUpdateAndRemoveChangeResults() async throws {
        let config = MatchConfig(dimension: 4, faceThreshold: 0.5)
        let engine = MatchEngine(config: config, partitions: 2)
        let a: [Float] = [1, 0, 0, 0], b: [Float] = [0, 1, 0, 0]
        func c(_ id: UInt64, _ e: [Float]) -> CaseFeatures {
            CaseFeatures(id: id, embeddings: [e], sex: .unknown, birthDate: 0, missingSince: 0, lastSeen: Workload.origin)
        }
        let s = SightingFeatures(id: 1, observedAt: Workload.now, location: Workload.origin, embeddings: [a])
        try await engine.upsertCases([c(1, a), c(2, a), c(3, b)])
        #expect(try await engine.match([s])[0].map(\.caseID) == [1, 2])
        try await engine.upsertCase(c(2, b))      // update: no longer matches
        try await engine.upsertCase(CaseFeatures(id: 3, embeddings: [b, a], sex: .unknown, birthDate: 0,
                                                 missingSince: 0, lastSeen: Workload.origin))  // now does, with two photos
        #expect(try await engine.match([s])[0].map(\.caseID) == [1, 3])
        #expect(await engine.removeCase(id: 1))
        #expect(await !engine.removeCase(id: 1))
        #expect(try await engine.match([s])[0].map(\.caseID) == [3])
        #expect(await engine.caseCount() == 2)
        // Stored sightings (step 10) are removable too.
        try await engine.storeSighting(s)
        #expect(try await engine.matchNewCase(c(9, a)).map(\.sightingID) == [1])
        #expect(await engine.removeSighting(id: 1))
        #expect(try await engine.matchNewCase(c(9, a)).isEmpty)
        #expect(await engine.invariantViolation() == nil)
    }
}

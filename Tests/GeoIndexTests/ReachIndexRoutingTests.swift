import Foundation
import Testing
@testable import GeoIndex

/// The router's split view of the reach index: the bounded walk is exact, and
/// with the unlimited list it covers every case `forEachCase` names (the list
/// may hold a case that was still bounded at an earlier sighting time: routing
/// then asks one shard too many, never one too few).
@Suite struct ReachIndexRoutingTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func boundedWalkPlusUnboundedListEqualsTheFullAnswer(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let now: Int64 = 1_800_000_000
        var index = ReachIndex<UInt64>(now: now)
        var missing: [UInt64: Int64] = [:]
        for id in UInt64(1)...600 {
            let p = GeoPoint(latitude: 20 + Double.random(in: 0..<1, using: &rng) * 25, longitude: 100 + Double.random(in: 0..<1, using: &rng) * 25)
            // From minutes to months missing, so every tier and the unlimited list are used.
            let since = now - Int64(pow(Double.random(in: 0..<1, using: &rng), 3) * 90 * 86_400)
            missing[id] = since
            index.insert(id: id, lastSeen: p, missingSince: since, payload: id)
        }
        let unbounded = Set(index.unboundedPayloads())
        for _ in 0..<200 {
            let q = GeoPoint(latitude: 20 + Double.random(in: 0..<1, using: &rng) * 25, longitude: 100 + Double.random(in: 0..<1, using: &rng) * 25)
            // At or before the index's time (a quarter exactly at it).
            let t = Int.random(in: 0..<4, using: &rng) == 0 ? now : now - Int64(Double.random(in: 0..<1, using: &rng) * 7_200)
            var full = Set<UInt64>()
            index.forEachCase(reaching: q, at: t) { id, _ in full.insert(id) }
            var bounded = Set<UInt64>()
            index.forEachBoundedCase(reaching: q, at: t) { id, _ in bounded.insert(id) }
            #expect(bounded.isSubset(of: full))
            #expect(bounded.isDisjoint(with: unbounded))
            let unboundedReaching = unbounded.filter { missing[$0]! <= t }
            #expect(full.isSubset(of: bounded.union(unboundedReaching)), "seed \(seed)")
            // At the index's own time the split is exact.
            if t == now { #expect(full == bounded.union(unboundedReaching)) }
        }
    }
}

import GeoIndex
import HomewardBasics
import MatchEngine
import Testing
@testable import ClusterCore

/// Routing against a brute force over every case: a sighting goes to every
/// shard holding a case that can reach it (at most one shard too many, one
/// that holds an unlimited-reach case), and it is urgent exactly when a case
/// missing at most `urgentWithinSeconds` reaches it. Sighting times before,
/// at and just after the last tick, so every path of the per-shard fresh
/// index (`FreshCases`) is taken.
@Suite struct CoordinatorCoreRoutingTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func routeAgreesWithEveryCaseChecked(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var h = CoreHarness()
        let shards: [ShardID] = ["north", "south", "west"]
        var cases: [(lastSeen: GeoPoint, missingSince: Int64, shard: UInt32)] = []
        for _ in 0..<60 {
            let p = GeoPoint(latitude: Double.random(in: 20...42, using: &rng), longitude: Double.random(in: 100...122, using: &rng))
            // Some fresh (under a day: all four day tiers), more older, a few unlimited.
            let hours: Double = switch Int.random(in: 0..<10, using: &rng) {
            case 0..<3: Double.random(in: 0.05...30, using: &rng)
            case 3..<9: Double.random(in: 30...160, using: &rng)
            default: Double.random(in: 200...2_000, using: &rng)
            }
            let shard = shards.randomElement(using: &rng)!
            let id = h.addCase(at: p, shard: shard, hoursAgo: hours)
            let entry = h.core.cases[id]!
            cases.append((p, entry.features.missingSince, entry.shard))
        }
        h.advance(ms: 250)
        h.core.refreshReach(now: h.now)
        let now = h.now.unixSeconds, urgentWithin = h.core.matchConfig.urgentWithinSeconds, tiers = h.core.matchConfig.reachTiers
        var urgentSeen = 0, notUrgentSeen = 0
        for i in 0..<400 {
            let p = GeoPoint(latitude: Double.random(in: 18...44, using: &rng), longitude: Double.random(in: 98...124, using: &rng))
            let t: Int64 = switch i % 3 { case 0: now; case 1: now - Int64.random(in: 1...10_800, using: &rng); default: now + Int64.random(in: 1...60, using: &rng) }
            let sighting = SightingFeatures(id: 0, observedAt: t, location: p, embeddings: [[0, 1, 0, 0]])
            let route = h.core.route(sighting)
            let reaching = cases.filter { c in
                t >= c.missingSince && Geodesy.haversineKm(p, c.lastSeen) <= tiers.reachKm(elapsedSeconds: t - c.missingSince)
            }
            let exact = Set(reaching.map(\.shard))
            // The fresh index holds cases missing under a day at the tick.
            let urgent = reaching.contains { now - $0.missingSince <= urgentWithin && t - $0.missingSince <= urgentWithin }
            #expect(exact.isSubset(of: route.shards), "seed \(seed) sighting \(i): \(exact) not in \(route.shards)")
            #expect(route.shards.isSubset(of: exact.union(h.core.unboundedShards)), "seed \(seed) sighting \(i)")
            #expect(route.urgent == urgent, "seed \(seed) sighting \(i) at now\(t - now >= 0 ? "+" : "")\(t - now)")
            if urgent { urgentSeen += 1 } else { notUrgentSeen += 1 }
        }
        #expect(urgentSeen > 40 && notUrgentSeen > 40, "urgent \(urgentSeen), not \(notUrgentSeen)")
    }
}

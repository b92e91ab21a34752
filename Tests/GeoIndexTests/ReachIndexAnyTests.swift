import Foundation
import Testing
@testable import GeoIndex

/// `reachesAny` (the intake shell's early-exit test) against the full answer of
/// `forEachCase`, at sighting times before, at and after the index's time, and
/// near reach-circle edges, where an early stop or a wrong bound would show.
@Suite struct ReachIndexAnyTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func agreesWithTheFullAnswer(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let now: Int64 = 1_800_000_000
        var index = ReachIndex<UInt64>(now: now)
        var lastSeen: [GeoPoint] = []
        var missingSince: [UInt64: Int64] = [:]
        for id in UInt64(1)...25 {
            let p = GeoPoint(latitude: 20 + Double.random(in: 0..<1, using: &rng) * 25, longitude: 100 + Double.random(in: 0..<1, using: &rng) * 25)
            lastSeen.append(p)
            // Minutes to days missing, a few "missing" after the index's time, and a
            // few about to change tier. Odd seeds use every finite tier (a later
            // sighting time then takes the copy path); even seeds stay within a
            // day, like the fresh-case index the intake shell asks.
            let limits: [Int64] = seed % 2 == 1 ? [3_600, 7_200, 10_800, 86_400, 604_800] : [3_600, 7_200, 10_800, 86_400]
            let since: Int64 = switch Int.random(in: 0..<10, using: &rng) {
            case 0: now + Int64.random(in: 1...600, using: &rng)
            case 1: now - limits.randomElement(using: &rng)! + Int64.random(in: -30...(-1), using: &rng)
            default: now - Int64(pow(Double.random(in: 0..<1, using: &rng), 3) * Double(limits.last! - 60))
            }
            index.insert(id: id, lastSeen: p, missingSince: since, payload: id)
            missingSince[id] = since
        }
        var hits = 0, misses = 0, boundMatters = 0
        for i in 0..<600 {
            // Half the queries near a case's last-seen point, at about a tier's reach.
            let q: GeoPoint
            if i % 2 == 0 {
                let c = lastSeen.randomElement(using: &rng)!
                let km = [100.0, 200, 300, 500, 1_000, 3_000].randomElement(using: &rng)! + Double.random(in: -2...2, using: &rng)
                let dLat = km / 111.2 * Double.random(in: -1...1, using: &rng)
                q = GeoPoint(latitude: min(89, max(-89, c.latitude + dLat)), longitude: c.longitude)
            } else {
                q = GeoPoint(latitude: 20 + Double.random(in: 0..<1, using: &rng) * 25, longitude: 100 + Double.random(in: 0..<1, using: &rng) * 25)
            }
            let t: Int64 = switch i % 4 {
            case 0: now
            case 1: now - Int64.random(in: 1...7_200, using: &rng)
            case 2: now + Int64.random(in: 1...120, using: &rng)   // a sighting after the last tick
            default: now + Int64.random(in: 1...(seed % 2 == 1 ? 90 * 86_400 : 3_600), using: &rng)
            }
            var copy = index
            var reaching: [UInt64] = []
            copy.forEachCase(reaching: q, at: t) { id, _ in reaching.append(id) }
            let expected = !reaching.isEmpty
            let got = index.reachesAny(q, at: t)
            #expect(got == expected, "seed \(seed) query \(i) at now\(t - now >= 0 ? "+" : "")\(t - now)")
            if expected { hits += 1 } else { misses += 1 }
            // With a lower bound on missingSince (how routing asks for cases
            // missing under a day): only the cases missing since then count.
            let bound = t - Int64.random(in: 600...86_400, using: &rng)
            let expectedRecent = reaching.contains { missingSince[$0]! >= bound }
            #expect(index.reachesAny(q, at: t, missingSinceAtLeast: bound) == expectedRecent,
                    "seed \(seed) query \(i) bounded at now\(t - now >= 0 ? "+" : "")\(t - now)")
            if expected && !expectedRecent { boundMatters += 1 }
        }
        // Both answers occur, or the comparison proves little.
        #expect(hits > 20 && misses > 5, "hits \(hits) misses \(misses)")
        #expect(boundMatters > 5, "the bound changed the answer \(boundMatters) times")
    }

    @Test func neverWritesTheIndex() {
        let now: Int64 = 1_800_000_000
        var index = ReachIndex<Int>(now: now)
        index.insert(id: 1, lastSeen: GeoPoint(latitude: 30, longitude: 110), missingSince: now - 3_500, payload: 0)
        // 200 s later the case has crossed into the 200 km tier: 150 km away it reaches.
        let q = GeoPoint(latitude: 30 + 150 / 111.2, longitude: 110)
        #expect(!index.reachesAny(q, at: now))
        #expect(index.reachesAny(q, at: now + 200))
        #expect(index.now == now)
    }
}

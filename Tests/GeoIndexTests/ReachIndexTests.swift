import Testing
@testable import GeoIndex

/// Reach index and sighting index against the contract's rule applied to every case.
@Suite struct ReachIndexTests {
    struct Case { var id: UInt64; var lastSeen: GeoPoint; var missingSince: Int64 }

    static func matches(_ c: Case, _ p: GeoPoint, _ t: Int64, _ tiers: ReachTierTable) -> Bool {
        let elapsed = t - c.missingSince
        guard elapsed >= 0 else { return false }
        return Geodesy.haversineKm(p, c.lastSeen) <= tiers.reachKm(elapsedSeconds: elapsed)
    }

    static func point(_ rng: inout SeededRandom) -> GeoPoint {
        GeoPoint(latitude: Double.random(in: 20...50, using: &rng), longitude: Double.random(in: 80...130, using: &rng))
    }

    @Test(arguments: [UInt64(31), 32, 33])
    func casesReachingASightingMatchBruteForce(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let tiers = ReachTierTable.default
        let t0: Int64 = 1_800_000_000
        // Start from a bulk load (with repeated ids), then mutate dynamically.
        var initial: [ReachIndex<UInt64>.Case] = []
        var cases: [UInt64: Case] = [:]
        for _ in 0..<300 {
            let id = UInt64.random(in: 0..<400, using: &rng)
            let c = Case(id: id, lastSeen: Self.point(&rng), missingSince: t0 - Int64.random(in: -3_600...864_000, using: &rng))
            initial.append(.init(id: id, lastSeen: c.lastSeen, missingSince: c.missingSince, payload: id &* 7))
            cases[id] = c
        }
        var index = ReachIndex<UInt64>(tiers: tiers, now: t0, cases: initial)
        try index.checkIntegrity()
        #expect(index.count == cases.count)
        for step in 0..<1200 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                let id = UInt64.random(in: 0..<400, using: &rng)  // ids repeat: replaces
                // Missing from 10 days before to 1 hour after the index's time.
                let c = Case(id: id, lastSeen: Self.point(&rng), missingSince: index.now - Int64.random(in: -3_600...864_000, using: &rng))
                index.insert(id: id, lastSeen: c.lastSeen, missingSince: c.missingSince, payload: id &* 7)
                cases[id] = c
            case 5:
                let id = UInt64.random(in: 0..<450, using: &rng)
                #expect((index.remove(id: id) != nil) == (cases.removeValue(forKey: id) != nil))
            case 6:
                index.advance(to: index.now + Int64.random(in: 0...7_200, using: &rng))
            default:
                // Sightings at, before and after the index's time; sometimes exactly at a
                // tier boundary of some case, sometimes at a case's own point.
                var t = index.now + Int64.random(in: -20_000...20_000, using: &rng)
                var p = Self.point(&rng)
                if let c = cases.values.randomElement(using: &rng), Bool.random(using: &rng) {
                    t = c.missingSince + [0, 3_600, 3_601, 7_200, 86_400, 604_800, 604_801].randomElement(using: &rng)!
                    p = GeoPoint(latitude: c.lastSeen.latitude + Double.random(in: -3...3, using: &rng),
                                 longitude: c.lastSeen.longitude + Double.random(in: -3...3, using: &rng))
                }
                let got = index.cases(reaching: p, at: t)
                let want = cases.values.filter { Self.matches($0, p, t, tiers) }.map(\.id).sorted()
                #expect(got.map(\.id) == want, "seed \(seed) step \(step)")
                #expect(got.allSatisfy { $0.payload == $0.id &* 7 })
            }
            if step % 100 == 0 { try index.checkIntegrity() }
        }
        try index.checkIntegrity()
        #expect(index.count == cases.count)
        #expect(index.unboundedCount > 0, "some cases should have reached unlimited reach")
        // Everything missing long enough ends in the list; a far advance empties the trees.
        index.advance(to: index.now + 30 * 86_400)
        try index.checkIntegrity()
        #expect(index.unboundedCount == index.count)
    }

    @Test func antimeridianCasesAreCheckedExactly() throws {
        var index = ReachIndex<Int>(now: 0)
        index.insert(id: 1, lastSeen: GeoPoint(latitude: 0, longitude: 179.5), missingSince: 0, payload: 1)
        index.insert(id: 2, lastSeen: GeoPoint(latitude: 89.5, longitude: 0), missingSince: 0, payload: 2)
        #expect(index.unboundedCount == 0, "wrapping circles are handled by the trees' circle queries")
        #expect(index.cases(reaching: GeoPoint(latitude: 0, longitude: -179.9), at: 10).map(\.id) == [1])
        #expect(index.cases(reaching: GeoPoint(latitude: 89.7, longitude: 180), at: 10).map(\.id) == [2])
        #expect(index.cases(reaching: GeoPoint(latitude: 0, longitude: -179.9), at: -1).isEmpty)
        try index.checkIntegrity()
    }

    @Test(arguments: [UInt64(41), 42])
    func sightingsReachableFromANewCaseMatchBruteForce(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let tiers = ReachTierTable.default
        var index = SightingIndex<Int>()
        var stored: [UInt64: (GeoPoint, Int64)] = [:]
        let t0: Int64 = 1_800_000_000
        for i in 0..<800 {
            let id = UInt64.random(in: 0..<700, using: &rng)
            let p = Self.point(&rng)
            let t = t0 + Int64.random(in: 0...(i < 400 ? 20_000 : 1_000_000), using: &rng)
            index.insert(id: id, location: p, observedAt: t, payload: Int(id))
            stored[id] = (p, t)
            if i % 9 == 0, let victim = stored.keys.randomElement(using: &rng) {
                index.remove(id: victim)
                stored[victim] = nil
            }
            if i % 40 == 0 {
                try index.checkIntegrity()
                let c = Case(id: 0, lastSeen: Self.point(&rng), missingSince: t0 + Int64.random(in: -5_000...30_000, using: &rng))
                let got = index.sightings(reachableFrom: c.lastSeen, missingSince: c.missingSince, tiers: tiers).map(\.id)
                let want = stored.filter { Self.matches(c, $0.value.0, $0.value.1, tiers) }.map(\.key).sorted()
                #expect(got == want, "seed \(seed) step \(i)")
            }
        }
        #expect(index.count == stored.count)
    }
}

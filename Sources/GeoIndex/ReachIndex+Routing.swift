extension ReachIndex {
    /// Like `forEachCase`, but only the cases with a bounded reach (those in the
    /// tree): a router that treats unlimited-reach cases separately pays no
    /// per-case cost for them. `body` also gets the case's elapsed time at `t`.
    @inlinable
    public mutating func forEachBoundedCase(reaching point: GeoPoint, at t: Int64, _ body: (UInt64, Payload, Int64) -> Void) {
        if t > now { advance(to: t) }
        let tierTable = tiers.tiers
        let tests = tierTable.map { CircleTest(center: point, radiusKm: $0.reachKm) }
        let lastLimit = tierTable[tierTable.count - 1].maxElapsedSeconds
        tree.forEach(containing: point) { _, slot in
            let i = Int(slot)
            let elapsed = t - missingSince[i]
            guard elapsed >= 0 else { return }
            if elapsed > lastLimit {
                body(ids[i], payloads[i].unsafelyUnwrapped, elapsed)
                return
            }
            var k = 0
            while elapsed > tierTable[k].maxElapsedSeconds { k += 1 }
            if tests[k].contains(latitude: latitudes[i], longitude: longitudes[i]) {
                body(ids[i], payloads[i].unsafelyUnwrapped, elapsed)
            }
        }
    }

    /// Payloads of the cases kept outside the tree (unlimited reach), one per case.
    public func unboundedPayloads() -> [Payload] {
        unbounded.map { payloads[Int($0)].unsafelyUnwrapped }
    }
}

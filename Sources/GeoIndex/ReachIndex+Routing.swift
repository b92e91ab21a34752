extension ReachIndex {
    /// Like `forEachCase`, but only the cases kept in the per-tier trees (bounded
    /// reach): a router that treats the unlimited list separately (see
    /// `unboundedPayloads`) pays nothing per long-missing case.
    @inlinable
    public mutating func forEachBoundedCase(reaching point: GeoPoint, at t: Int64, _ body: (UInt64, Payload) -> Void) {
        if t > now { advance(to: t) }
        let tierTable = tiers.tiers
        let lastLimit = tierTable[tierTable.count - 1].maxElapsedSeconds
        for k in trees.indices where !trees[k].isEmpty {
            trees[k].forEach(withinKm: tierTable[k].reachKm, of: point) { _, s in
                let slot = Int(s)
                let elapsed = t - missingSince[slot]
                guard elapsed >= 0 else { return }
                if elapsed <= lastLimit {
                    var j = 0
                    while elapsed > tierTable[j].maxElapsedSeconds { j += 1 }
                    // At t == now the tree's tier is the case's tier; earlier t may need a smaller circle.
                    if j != k, Geodesy.haversineKm(point, GeoPoint(latitude: latitudes[slot], longitude: longitudes[slot])) > tierTable[j].reachKm { return }
                }
                body(ids[slot], payloads[slot].unsafelyUnwrapped)
            }
        }
    }

    /// Payloads of the cases in the plain list (unlimited reach, or not yet missing
    /// at the index's time), one per case.
    public func unboundedPayloads() -> [Payload] {
        unbounded.map { payloads[Int($0)].unsafelyUnwrapped }
    }
}

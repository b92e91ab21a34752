extension ReachIndex {
    /// Whether `forEachCase(reaching: point, at: t)` would report any case, found
    /// without advancing the index (a shared copy's storage is never written)
    /// and stopping at the first case that reaches.
    ///
    /// A case in tree k has reach_k at `now`; at an earlier `t` at most that, at
    /// a later `t` at most the reach of the tier it can have grown into by then.
    /// Each tree is queried with that bound and every candidate checked exactly.
    /// Only when a later `t` could carry a tree's cases past the last finite tier
    /// (unlimited reach, no circle bounds it) does it advance a private copy.
    /// Cases missing before `missingSinceAtLeast` do not count.
    public func reachesAny(_ point: GeoPoint, at t: Int64, missingSinceAtLeast bound: Int64 = .min) -> Bool {
        let tierTable = tiers.tiers
        let lastLimit = tierTable[tierTable.count - 1].maxElapsedSeconds
        let gained = max(0, t - now)
        if trees.indices.contains(where: { !trees[$0].isEmpty && tierTable[$0].maxElapsedSeconds + gained > lastLimit }) {
            var advanced = self
            var reaching: [UInt64] = []
            advanced.forEachCase(reaching: point, at: t) { id, _ in reaching.append(id) }
            return reaching.contains { id in advanced.slotByID[id].map { advanced.missingSince[Int($0)] >= bound } ?? false }
        }
        func reaches(_ slot: Int) -> Bool {
            guard missingSince[slot] >= bound else { return false }
            let elapsed = t - missingSince[slot]
            if elapsed < 0 { return false }
            guard let k = tiers.tierIndex(elapsedSeconds: elapsed) else { return true }
            return Geodesy.haversineKm(point, GeoPoint(latitude: latitudes[slot], longitude: longitudes[slot])) <= tierTable[k].reachKm
        }
        for k in trees.indices where !trees[k].isEmpty {
            let grownTier = tiers.tierIndex(elapsedSeconds: tierTable[k].maxElapsedSeconds + gained) ?? k
            // At t == now the circle query is the exact answer (as in forEachCase).
            let exact = t == now
            let noneReach = trees[k].forEachUntil(withinKm: tierTable[grownTier].reachKm, of: point) { _, slot in
                !(exact ? missingSince[Int(slot)] >= bound : reaches(Int(slot)))
            }
            if !noneReach { return true }
        }
        return unbounded.contains { reaches(Int($0)) }
    }
}

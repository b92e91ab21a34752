import ClusterCore
import MatchEngine

extension CoordinatorNode {
    /// The shards whose cases can reach a sighting (by the reach index, plus
    /// every shard holding unlimited-reach cases), and whether any of those
    /// cases is fresh (missing ≤ 24 h), which makes the work urgent.
    func route(_ s: SightingFeatures) -> (shards: Set<UInt32>, urgent: Bool) {
        var shards = unboundedShards
        // Long-missing cases usually sit in every shard; then the tree walk adds nothing.
        if shards.count < streams.count {
            reach.forEachBoundedCase(reaching: s.location, at: s.observedAt) { _, shard in shards.insert(shard) }
        }
        var urgent = false
        let urgentWithin = matchConfig.urgentWithinSeconds
        // The fresh index is small, so its whole answer (list included) is cheap.
        freshReach.forEachCase(reaching: s.location, at: s.observedAt) { id, shard in
            if let c = cases[id], s.observedAt - c.features.missingSince <= urgentWithin {
                urgent = true
                shards.insert(shard)
            }
        }
        return (shards, urgent)
    }

    /// Drops cases from the fresh index once they are no longer fresh.
    func pruneFreshCases() {
        let now = clock.unixSeconds()
        for id in freshIDs where cases[id].map({ now - $0.features.missingSince > matchConfig.urgentWithinSeconds }) ?? true {
            freshReach.remove(id: id)
            freshIDs.remove(id)
        }
    }
}

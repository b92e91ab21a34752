import ClusterCore
import MatchEngine

extension CoordinatorNode {
    /// The shards whose cases can reach a sighting (by the reach index, plus
    /// every shard holding unlimited-reach cases), and whether any of those
    /// cases is fresh (missing ≤ 24 h), which makes the work urgent.
    func route(_ s: SightingFeatures) -> (shards: Set<UInt32>, urgent: Bool) {
        var shards = unboundedShards
        var urgent = false
        let urgentWithin = matchConfig.urgentWithinSeconds
        reach.forEachBoundedCase(reaching: s.location, at: s.observedAt) { _, shard, elapsed in
            shards.insert(shard)
            if elapsed <= urgentWithin { urgent = true }
        }
        return (shards, urgent)
    }

    func priority(of s: SightingFeatures) -> MatchQueue<UInt64>.Priority {
        route(s).urgent ? .urgent : .bulk
    }
}

import HomewardProtocol

extension CoordinatorNode {
    /// Sightings acknowledged but not yet matched and published (queued, out
    /// at a worker, or waiting for a replica). A draining coordinator waits for
    /// this to reach zero; what is left at its deadline stays durable (unmatched
    /// in the store) and is queued again at the next start.
    public var unfinishedSightings: Int { pending.count }

    /// The status the ops endpoint's gauges and `/ready` are computed from.
    public func opsStatus() -> Homeward_V1_ClusterStatus { status() }

    /// Shard names without a ready replica (a worker alive with the shard's snapshot complete).
    public func shardsWithoutReadyReplica() -> [String] {
        let live = Set(membership.members.filter { $0.value.state == .alive }.keys.flatMap { synced[$0] ?? [] })
        return shardMap.shards.enumerated().filter { !live.contains(UInt32($0.offset)) }.map(\.element.id.rawValue)
    }
}

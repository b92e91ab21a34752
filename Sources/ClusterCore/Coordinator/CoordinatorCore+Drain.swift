extension CoordinatorCore {
    /// Sightings the core still holds: acknowledged (or being acknowledged) but not
    /// yet matched with their alerts recorded and published. A sighting leaves the
    /// table only when it is matched, failed, refused or (a repost) stored, so a
    /// draining coordinator waits for this to reach zero; what is left at its
    /// deadline is durable (unmatched in the store) and queued again at the next start.
    public var unfinishedSightings: Int { sightings.count }

    /// Shard names without a ready replica (a live worker whose snapshot of the shard is complete).
    public var shardsWithoutReadyReplica: [String] {
        let live = Set(membership.members.filter { $0.value.state == .alive }.keys.flatMap { synced[$0] ?? [] })
        return shardMap.shards.enumerated().filter { !live.contains(UInt32($0.offset)) }.map(\.element.id.rawValue)
    }
}

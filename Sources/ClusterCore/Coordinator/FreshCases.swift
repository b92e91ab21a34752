import GeoIndex

/// Cases missing at most `urgentWithinSeconds` (pruned every tick), one reach
/// index per shard: they make a sighting urgent and add their shard to its
/// route. Asking each shard "does any fresh case reach this point" stops at
/// the first one, where one index for all shards had to walk every fresh case
/// reaching it (in a storm over a populous province, about a thousand per
/// sighting: a tenth of the coordinator's time).
public struct FreshCases: Sendable {
    var byShard: [ReachIndex<UInt32>]
    var shardOf: [UInt64: UInt32] = [:]

    init(shards: Int, tiers: ReachTierTable, now: Int64) {
        byShard = Array(repeating: ReachIndex(tiers: tiers, now: now), count: shards)
    }

    var ids: Dictionary<UInt64, UInt32>.Keys { shardOf.keys }

    mutating func insert(id: UInt64, lastSeen: GeoPoint, missingSince: Int64, shard: UInt32) {
        remove(id: id)
        byShard[Int(shard)].insert(id: id, lastSeen: lastSeen, missingSince: missingSince, payload: shard)
        shardOf[id] = shard
    }

    mutating func remove(id: UInt64) {
        guard let shard = shardOf.removeValue(forKey: id) else { return }
        _ = byShard[Int(shard)].remove(id: id)
    }

    /// Keeps the per-shard trees at `now`, so queries near it take the exact fast path.
    mutating func advance(to now: Int64) {
        for k in byShard.indices { byShard[k].advance(to: now) }
    }

    /// Whether any fresh case (missing at or after `missingSinceAtLeast`) reaches `point` at `t`.
    public func reachesAny(_ point: GeoPoint, at t: Int64, missingSinceAtLeast bound: Int64 = .min) -> Bool {
        byShard.contains { $0.reachesAny(point, at: t, missingSinceAtLeast: bound) }
    }

    /// Adds to `shards` the shard of every fresh case missing at or after
    /// `bound` that reaches `point` at `t`; true when there is any.
    func addShards(reaching point: GeoPoint, at t: Int64, missingSinceAtLeast bound: Int64, to shards: inout Set<UInt32>) -> Bool {
        var any = false
        for k in byShard.indices where !(any && shards.contains(UInt32(k))) {
            if byShard[k].reachesAny(point, at: t, missingSinceAtLeast: bound) {
                any = true
                shards.insert(UInt32(k))
            }
        }
        return any
    }
}

import ClusterCore
import HomewardProtocol

/// Every shard's feature-update stream (`ShardStream`), and how a worker's
/// copy is brought up to date: the increments it missed, or a snapshot.
struct ShardStreams: Sendable {
    private var streams: [UInt32: ShardStream] = [:]

    init(shards: [UInt32], epoch: UInt64, incrementsKept: Int) {
        for shard in shards { streams[shard] = ShardStream(epoch: epoch, logLimit: incrementsKept) }
    }

    /// Appends a change to a shard's stream; returns it numbered (nil for an unknown shard).
    mutating func append(_ change: CoordinatorDirective.ShardChange, shard: UInt32) -> Homeward_V1_FeatureUpdate? {
        let wire: Homeward_V1_FeatureUpdate.OneOf_Change = switch change {
        case .upsert(let entry): .upsert(FeatureMapping.wire(entry.features))
        case .remove(let caseID):
            .remove({ var r = Homeward_V1_Remove(); r.caseID = caseID; r.reason = .closed; return r }())
        }
        // Mutate in place: copying the stream out would copy its whole log.
        return streams[shard]?.append(wire, shard: shard)
    }

    /// What a worker whose copy of `shard` is at `cursor` must receive: the
    /// increments after it when the log still holds them, else a snapshot of
    /// the shard's open cases.
    func catchUp(shard: UInt32, cursor: Homeward_V1_ShardCursor, cases: some Collection<CaseEntry>) -> [Homeward_V1_FeatureUpdate] {
        guard let stream = streams[shard] else { return [] }
        if let increments = stream.increments(after: cursor) { return increments }
        let rows = cases.filter { $0.shard == shard }.sorted { $0.features.id < $1.features.id }
        func update(_ change: Homeward_V1_FeatureUpdate.OneOf_Change) -> Homeward_V1_FeatureUpdate {
            var u = Homeward_V1_FeatureUpdate()
            u.shardID = shard
            u.sequence = stream.sequence
            u.snapshotEpoch = stream.epoch
            u.change = change
            return u
        }
        var begin = Homeward_V1_SnapshotBegin()
        begin.rowCount = UInt64(rows.count)
        var end = Homeward_V1_SnapshotEnd()
        end.rowCount = UInt64(rows.count)
        return [update(.snapshotBegin(begin))] + rows.map { update(.snapshotRow(FeatureMapping.wire($0.features))) } + [update(.snapshotEnd(end))]
    }
}

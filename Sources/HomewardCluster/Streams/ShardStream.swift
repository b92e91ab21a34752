import HomewardProtocol

/// One shard's feature-update stream as the coordinator keeps it: the current
/// snapshot epoch and sequence, and the recent increments, so a worker that
/// reconnects within the window gets only what it missed (else a snapshot).
struct ShardStream: Sendable {
    var epoch: UInt64
    var sequence: UInt64 = 0
    /// Increments with sequences `logStart ..< sequence + 1`.
    var log: [Homeward_V1_FeatureUpdate] = []
    var logStart: UInt64 = 1
    /// Increments kept (`CoordinatorPolicy.streamIncrementsKept`); past it the older half is dropped.
    let logLimit: Int

    init(epoch: UInt64, logLimit: Int) {
        self.epoch = epoch
        self.logLimit = logLimit
    }

    /// Records an increment and returns it numbered.
    mutating func append(_ change: Homeward_V1_FeatureUpdate.OneOf_Change, shard: UInt32) -> Homeward_V1_FeatureUpdate {
        sequence += 1
        var update = Homeward_V1_FeatureUpdate()
        update.shardID = shard
        update.sequence = sequence
        update.snapshotEpoch = epoch
        update.change = change
        log.append(update)
        if log.count > logLimit {
            let drop = log.count - logLimit / 2
            log.removeFirst(drop)
            logStart += UInt64(drop)
        }
        return update
    }

    /// The increments after `cursor`, or nil when a snapshot is needed.
    func increments(after cursor: Homeward_V1_ShardCursor) -> [Homeward_V1_FeatureUpdate]? {
        guard cursor.snapshotEpoch == epoch, cursor.lastSequence <= sequence, cursor.lastSequence + 1 >= logStart else { return nil }
        return Array(log[Int(cursor.lastSequence + 1 - logStart)...])
    }
}

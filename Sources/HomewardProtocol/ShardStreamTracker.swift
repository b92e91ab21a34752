/// A worker's position in one shard's feature-update stream, as a pure state
/// machine: feed it each FeatureUpdate of the shard and do what it says.
///
/// Stream rules (docs/protocol.md, "Feature updates"): a snapshot taken at
/// base sequence S arrives as SNAPSHOT_BEGIN, rows and SNAPSHOT_END, all
/// numbered S; then increments S+1, S+2, … A duplicate (sequence already
/// applied) is ignored; a gap asks for a SYNC from the last applied sequence,
/// once, until the stream is whole again.
public struct ShardStreamTracker: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Nothing usable: wait for a snapshot.
        case needSnapshot
        /// Rows of snapshot `epoch` at base `sequence` are arriving.
        case loading(epoch: UInt64, sequence: UInt64, rows: UInt64, expected: UInt64)
        /// Whole up to `sequence`.
        case live(epoch: UInt64, sequence: UInt64)
    }

    public enum Decision: Sendable, Equatable {
        /// Apply the update (for SNAPSHOT_BEGIN: clear the shard first).
        case apply
        /// Already applied, or stale while a resync is pending: drop it.
        case ignore
        /// Send SYNC with this cursor (and drop the update).
        case resync(Homeward_V1_ShardCursor)
    }

    public let shardID: UInt32
    public private(set) var state: State
    /// True after a resync was asked for and before the stream is whole again.
    public private(set) var resyncPending = false

    public init(shardID: UInt32, state: State = .needSnapshot) {
        self.shardID = shardID
        self.state = state
    }

    /// The cursor a worker sends in READY or SYNC.
    public var cursor: Homeward_V1_ShardCursor {
        var cursor = Homeward_V1_ShardCursor()
        cursor.shardID = shardID
        if case .live(let epoch, let sequence) = state {
            cursor.snapshotEpoch = epoch
            cursor.lastSequence = sequence
        }
        return cursor
    }

    public mutating func accept(_ update: Homeward_V1_FeatureUpdate) -> Decision {
        guard update.shardID == shardID else { return .ignore }
        switch (update.change, state) {
        case (.snapshotBegin(let begin)?, _):
            // A new snapshot always restarts the shard, whatever came before.
            state = .loading(epoch: update.snapshotEpoch, sequence: update.sequence, rows: 0, expected: begin.rowCount)
            resyncPending = false
            return .apply
        case (.snapshotRow?, .loading(let epoch, let sequence, let rows, let expected))
            where epoch == update.snapshotEpoch && sequence == update.sequence && rows < expected:
            state = .loading(epoch: epoch, sequence: sequence, rows: rows + 1, expected: expected)
            return .apply
        case (.snapshotEnd(let end)?, .loading(let epoch, let sequence, let rows, let expected))
            where epoch == update.snapshotEpoch && sequence == update.sequence && rows == expected
                && end.rowCount == expected:
            state = .live(epoch: epoch, sequence: sequence)
            return .apply
        case (.upsert?, .live(let epoch, let last)), (.remove?, .live(let epoch, let last)):
            if update.sequence <= last { return .ignore }
            if update.sequence == last + 1 {
                state = .live(epoch: epoch, sequence: update.sequence)
                resyncPending = false
                return .apply
            }
            return requestResync()
        default:
            // A row or end out of place, or an increment before any snapshot.
            if case .loading = state { state = .needSnapshot }
            return requestResync()
        }
    }

    private mutating func requestResync() -> Decision {
        if resyncPending { return .ignore }
        resyncPending = true
        return .resync(cursor)
    }
}

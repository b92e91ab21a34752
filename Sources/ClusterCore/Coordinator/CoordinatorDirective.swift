import MatchEngine

/// What the coordinator core asks its shell to do. The shell carries each out
/// in order and feeds back the event named in its comment.
public enum CoordinatorDirective: Sendable {
    /// Answer the shell request `ticket`.
    case reply(ticket: UInt64, SightingReply)
    /// Write a sighting and its reply in one transaction (unless the request id
    /// has a stored reply), then `sightingStored` / `sightingStoredEarlier` / `sightingNotStored`.
    case storeSighting(StoreSighting)
    /// Send a photo to a worker for face extraction; the answer comes as `extracted`.
    case extract(job: UInt64, worker: WorkerID, photo: [UInt8])
    /// A case registration's photos have all been answered (in photo order).
    case caseFaces(ticket: UInt64, [ExtractionOutcome])
    /// Send a match request to a worker; the answer comes as `matchReplied`.
    case sendMatch(MatchSend)
    /// Store alerts, closure notices and matched marks in one transaction,
    /// number and publish them after the commit, then `recorded` / `notRecorded`.
    case record(Publications)
    /// Mark a stored sighting failed with its reason (it is not retried again).
    case markFailed(sightingID: UInt64, reason: String)
    /// Keep a stored sighting's features for matching cases registered later (contract step 10).
    case rememberForNewCases(SightingFeatures)
    /// Append a change to a shard's update stream and send it to these workers.
    case updateShard(shard: UInt32, ShardChange, to: [WorkerID])
    /// Bring a (re-)registered worker's copy of these shards up to date (increments or snapshot).
    case syncShards(worker: WorkerID, shards: [UInt32])
    /// Heartbeat these workers.
    case heartbeat(to: [WorkerID], queueDepth: Int)
    /// Tell a worker it is unknown here: it must register again.
    case disconnect(WorkerID)
    case log(CoordinatorLog)

    public enum ShardChange: Sendable, Equatable {
        case upsert(CaseEntry)
        case remove(caseID: UInt64)
    }

    public struct StoreSighting: Sendable, Equatable {
        public var id: UInt64
        public var requestID: String
        public var draft: SightingDraft
        public var faces: [[Float]]
        public var repostOf: UInt64?
        /// Stored already matched: nothing in it can ever match.
        public var matched: Bool
        /// The reply stored with it (always `.accepted`).
        public var reply: SightingReply
    }

    public struct MatchSend: Sendable, Equatable {
        public var requestID: UInt64
        public var worker: WorkerID
        /// Shard indexes this worker answers.
        public var shards: [UInt32]
        public var sightings: [SightingFeatures]
    }

    public struct Publications: Sendable {
        public var batch: UInt64
        public var alerts: [DecidedAlert]
        public var closures: [ClosureNotice]
        public var matched: [UInt64]
    }

    public struct DecidedAlert: Sendable {
        public var decision: AlertDecider.Decision
        public var sighting: SightingFeatures
        public var caseEntry: CaseEntry
    }

    public struct ClosureNotice: Sendable, Equatable {
        public var caseID: UInt64
        public var found: Bool
        public var closedAt: Int64
        public var topic: String
    }
}

import GeoIndex
import MatchEngine

/// The coordinator's decisions, without I/O: events in, directives out.
///
/// The shell (`CoordinatorNode`) decodes requests and worker messages, feeds
/// them here as events with the time they happened, and carries out the
/// directives returned: store, reply, send to a worker, publish, log. Nothing
/// here awaits, reads a clock or touches a socket, so every decision (intake,
/// reposts, back-pressure, extraction retries, urgent-first dispatch, replica
/// failover, retry caps, recovery) is tested as plain values
/// (`Tests/ClusterCoreTests/CoordinatorCore*Tests.swift`). The model is
/// swift-cluster-membership's `SWIMInstance` and its NIO shell.
///
/// Every sighting the core is working on is one `SightingWork` in `sightings`,
/// in one `SightingState`; the match queue, scatter/gather and extraction jobs
/// hold only its id.
public struct CoordinatorCore<Photos: NearDuplicateIndex>: Sendable {
    public let policy: CoordinatorPolicy
    public let shardMap: ShardMap
    public let matchConfig: MatchConfig
    let decider: AlertDecider

    // MARK: cases and routing
    public internal(set) var cases: [UInt64: CaseEntry] = [:]
    var reach: ReachIndex<UInt32>
    /// Cases missing at most `urgentWithinSeconds` (pruned each tick): they make work urgent.
    public internal(set) var freshCases: FreshCases
    /// Shards that hold a case of unlimited reach: every sighting goes there.
    var unboundedShards: Set<UInt32> = []
    var nextCaseID: UInt64 = 1

    // MARK: sightings
    public internal(set) var sightings: [UInt64: SightingWork] = [:]
    var nextSightingID: UInt64 = 1
    /// Request id → the sighting being worked on for it (duplicates join it).
    var inProgress: [String: UInt64] = [:]
    /// Photo digest → the original sighting that claimed it.
    var photoDigests: [[UInt8]: UInt64] = [:]
    var photos: Photos
    /// Fingerprints of originals registered in `photos` but not stored yet: an
    /// original that is dropped instead is forgotten there, so later photos
    /// find the next nearest stored original (or none) rather than a ghost.
    var pendingFingerprints: [UInt64: Photos.Fingerprint] = [:]
    public internal(set) var queue: MatchQueue<UInt64>
    /// Sightings in state `waiting`, put back into the queue at the next tick.
    var waitingIDs: [UInt64] = []
    /// Indexes over `sightings` by state, so that no event scans the whole table:
    /// original → reposts in `awaitingOriginal(original)`; batch → sightings in `recording(batch)`.
    var repostsAwaiting: [UInt64: [UInt64]] = [:]
    var recordingBatches: [UInt64: [UInt64]] = [:]

    // MARK: workers
    public internal(set) var membership: Membership
    /// Shards each worker has a complete copy of (stream sent since it registered).
    public internal(set) var synced: [WorkerID: Set<UInt32>] = [:]
    var scatter: ScatterGather<[MatchCandidate]>
    /// Match request → its sightings. (Urgency orders the queue only: a worker
    /// answers requests in arrival order, so the request itself carries none.)
    var requests: [UInt64: [UInt64]] = [:]
    var nextMatchRequest: UInt64 = 1
    var jobs: [UInt64: ExtractionJob] = [:]
    var nextJob: UInt64 = 1
    var extractionTurn = 0
    /// Case registrations waiting for their photos' faces: ticket → outcomes by photo.
    var caseExtractions: [UInt64: [ExtractionOutcome?]] = [:]
    var nextBatch: UInt64 = 1

    public internal(set) var counters = CoordinatorCounters()

    public init(shardMap: ShardMap, matchConfig: MatchConfig, policy: CoordinatorPolicy, heartbeat: Membership.Timing,
                photos: Photos, now: CoordinatorTime) {
        self.policy = policy
        self.shardMap = shardMap
        self.matchConfig = matchConfig
        self.decider = AlertDecider(topK: matchConfig.topK)
        self.reach = ReachIndex(tiers: matchConfig.reachTiers, now: now.unixSeconds)
        self.freshCases = FreshCases(shards: shardMap.shards.count, tiers: matchConfig.reachTiers, now: now.unixSeconds)
        self.photos = photos
        self.queue = MatchQueue(bulkLimit: policy.bulkQueueLimit, urgentLimit: policy.urgentQueueLimit)
        self.membership = Membership(timing: heartbeat)
        self.scatter = ScatterGather(attemptTimeout: policy.matchAttemptTimeout)
    }

    // MARK: queries

    /// Whether a photo digest already names a sighting (then its bytes need no decoding).
    public func knowsPhoto(_ digest: [UInt8]) -> Bool { photoDigests[digest] != nil }

    public var liveWorkerCount: Int { membership.members.values.filter { $0.state == .alive }.count }

    /// Replicas of a shard holding a complete copy of it, best first.
    func preference(for shard: ShardID) -> [WorkerID] {
        let index = shardMap.index(of: shard)
        return shardMap.preference(for: shard).filter { synced[$0]?.contains(index) == true }
    }

    /// Requests waiting on `worker` (for `status`).
    public func outstanding(for worker: WorkerID) -> Int { scatter.outstanding(for: worker) }

    /// Reachable workers holding a complete copy of `shard`: where its updates go.
    func replicasSynced(to shard: UInt32) -> [WorkerID] {
        synced.keys.sorted().filter { synced[$0]!.contains(shard) && membership.isReachable($0) }
    }

    /// A request refused by the shell's validation (for `status`).
    public mutating func countRejected() { counters.rejected += 1 }

    /// The step-10 engine refused a stored sighting (logged by the shell).
    public mutating func countNewCaseIndexError() { counters.newCaseIndexErrors += 1 }

    static func log(_ level: CoordinatorLog.Level, _ message: String, _ metadata: [String: String] = [:]) -> CoordinatorDirective {
        .log(CoordinatorLog(level, message, metadata))
    }
}

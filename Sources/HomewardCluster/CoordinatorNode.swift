import Foundation
import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardSecurity
import HomewardStore
import Logging
import MatchEngine
import PhotoPipeline

/// The coordinator's state: the open cases and their routing index, intake,
/// the match queue, worker membership, scatter/gather and alert decisions.
///
/// The decisions themselves live in ClusterCore's pure state machines; this
/// actor feeds them events and carries out their directives through the store
/// (durable first) and the outbox (sockets). State is re-checked after every
/// `await`, since other requests run while one waits for the store.
public actor CoordinatorNode {
    struct CaseEntry: Sendable {
        var features: CaseFeatures
        var province: String?
        var shard: UInt32
    }

    struct PendingSighting: Sendable {
        var features: SightingFeatures
        var province: String?
        var priority: MatchQueue<UInt64>.Priority
        /// Shards whose cases can reach the sighting, fixed at intake.
        var shards: Set<UInt32>
        var attempts: Int
    }

    struct InFlight: Sendable {
        var sightingIDs: [UInt64]
        var startedAt: MonotonicTime
    }

    let config: ClusterConfig
    let shardMap: ShardMap
    let matchConfig: MatchConfig
    let requestValidator: RequestValidator
    let workerValidator: WorkerValidator
    let vocabulary: MarkVocabulary
    let decider: AlertDecider
    let store: SQLiteWriter
    let outbox: CoordinatorOutbox
    let clock: WallClock
    let logger: Logger
    /// Province code of a point, or nil off the map.
    let locateProvince: @Sendable (GeoPoint) -> String?
    let topics: TopicSequences
    /// The allow-list: who each authenticated peer is (issue 13).
    let access: AccessControl

    var nextCaseID: UInt64 = 1
    var nextSightingID: UInt64 = 1
    var nextRequestID: UInt64 = 1
    var cases: [UInt64: CaseEntry] = [:]
    var reach: ReachIndex<UInt32>
    /// Cases missing at most `urgentWithinSeconds` (by their missing-since time
    /// when added; older ones are pruned each tick): they make work urgent.
    var freshReach: ReachIndex<UInt32>
    /// `freshReach` as the intake shell sees it, refreshed every tick.
    nonisolated let urgentAreas = UrgentAreaHint()
    var unboundedShards: Set<UInt32> = []
    var freshIDs: Set<UInt64> = []
    /// Photo digest → the original sighting, for repost collapse.
    var photoDigests: [[UInt8]: UInt64] = [:]
    /// Stored sightings for matching new cases against (contract step 10).
    let sightingEngine: MatchEngine
    var queue: MatchQueue<UInt64>
    var pending: [UInt64: PendingSighting] = [:]
    /// Sightings whose last attempt found no replica; retried at the next tick.
    var deferred: [UInt64] = []
    var membership: Membership
    var scatter: ScatterGather<[MatchCandidate]>
    var inFlight: [UInt64: InFlight] = [:]
    var streams: [UInt32: ShardStream] = [:]
    /// Shards each worker has a complete copy of (snapshot sent).
    var synced: [WorkerID: Set<UInt32>] = [:]
    var extractionJobs: [UInt64: ExtractionJob] = [:]
    var nextJobID: UInt64 = 1
    var extractionRoundRobin: UInt64 = 0
    /// Photo fingerprints of original sightings, for near-duplicate reposts.
    var reposts = RepostDetector()
    /// Originals being extracted and stored; their reposts wait for them.
    var storingOriginals: [UInt64: [CheckedContinuation<Void, Never>]] = [:]
    /// Match requests out at once (`coordinator.matchRequestsInFlight`). Every
    /// request reaches every worker holding a target shard, so this is also each
    /// worker's queue, served in order: by Little's law more only adds waiting,
    /// and an urgent sighting waits behind what is already queued there.
    var maxRequestsInFlight: Int { config.coordinator.matchRequestsInFlight }
    /// Sightings per match request (`coordinator.matchBatchSize`).
    var batchSize: Int { config.coordinator.matchBatchSize }
    var counters = Counters()

    struct Counters: Sendable {
        var sightings: UInt64 = 0
        var reposts: UInt64 = 0
        var alerts: UInt64 = 0
        var closedCases: UInt64 = 0
        var retryLater: UInt64 = 0
        var rejected: UInt64 = 0
    }

    public init(config: ClusterConfig, store: SQLiteWriter, outbox: CoordinatorOutbox, access: AccessControl, clock: WallClock = .system,
                logger: Logger, locateProvince: @escaping @Sendable (GeoPoint) -> String?) throws {
        self.config = config
        self.access = access
        self.shardMap = try config.shardMap()
        self.matchConfig = try MatchConfig(config.matching)
        self.vocabulary = try MarkVocabulary(config.matching.markVocabulary)
        var limits = ProtocolLimits.v1
        limits.embeddingDimension = config.matching.dimension
        self.requestValidator = RequestValidator(limits: limits, vocabulary: vocabulary)
        self.workerValidator = WorkerValidator(limits: limits, maxShardID: UInt32(shardMap.shards.count - 1))
        self.decider = AlertDecider(topK: config.matching.topK)
        self.store = store
        self.outbox = outbox
        self.clock = clock
        self.logger = logger
        self.locateProvince = locateProvince
        self.topics = TopicSequences()
        self.reach = ReachIndex(tiers: matchConfig.reachTiers, now: clock.unixSeconds())
        self.freshReach = ReachIndex(tiers: matchConfig.reachTiers, now: clock.unixSeconds())
        self.sightingEngine = MatchEngine(config: matchConfig, partitions: 1)
        self.queue = MatchQueue(bulkLimit: 20_000, urgentLimit: 200_000)
        let timing = Membership.Timing(
            heartbeatInterval: .milliseconds(config.heartbeat.intervalMilliseconds),
            suspectAfter: .milliseconds(config.heartbeat.suspectAfterMilliseconds),
            deadAfter: .milliseconds(config.heartbeat.deadAfterMilliseconds))
        self.membership = Membership(timing: timing)
        self.scatter = ScatterGather(attemptTimeout: .milliseconds(config.heartbeat.requestTimeoutMilliseconds))
        // A new epoch per run: a worker cursor from an earlier run always gets a snapshot.
        let epoch = UInt64(clock.unixMilliseconds())
        for shard in shardMap.shards { streams[shardMap.index(of: shard.id)] = ShardStream(epoch: epoch) }
    }
}

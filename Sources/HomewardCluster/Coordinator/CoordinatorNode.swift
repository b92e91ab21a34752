import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardSecurity
import HomewardStore
import Logging
import MatchEngine
import PhotoPipeline

/// The coordinator's shell: it owns the I/O, `CoordinatorCore` owns the
/// decisions. Requests and worker messages are decoded here and fed to the
/// core as events; the directives it returns are carried out through the
/// store (durable first), the outbox (sockets) and the step-10 engine, and
/// what they yield goes back to the core as the next event.
public actor CoordinatorNode {
    typealias Core = CoordinatorCore<RepostDetector>

    var core: Core
    let config: ClusterConfig
    let matchConfig: MatchConfig
    let requestValidator: RequestValidator
    let workerValidator: WorkerValidator
    let vocabulary: MarkVocabulary
    let store: SQLiteWriter
    let outbox: CoordinatorOutbox
    let clock: WallClock
    let logger: Logger
    /// Province code of a point, or nil off the map.
    let locateProvince: @Sendable (GeoPoint) -> String?
    let publisher: AlertPublisher
    let operatorRequests: OperatorRequests
    let access: RequestAccess   // issue 13: who may do what, and the audit log
    /// The fresh-case index as the intake shell sees it, refreshed every tick.
    nonisolated let urgentAreas = UrgentAreaHint()
    /// Stored sightings, for matching new cases against them (contract step 10).
    let sightingEngine: MatchEngine
    var streams: ShardStreams
    /// Shell requests waiting for the core's answer (see `answer(_:)`).
    var tickets = TicketBox()

    public init(config: ClusterConfig, store: SQLiteWriter, outbox: CoordinatorOutbox, access: AccessControl, clock: WallClock = .system,
                logger: Logger, locateProvince: @escaping @Sendable (GeoPoint) -> String?) throws {
        self.config = config
        let shardMap = try config.shardMap()
        self.matchConfig = try MatchConfig(config.matching)
        self.vocabulary = try MarkVocabulary(config.matching.markVocabulary)
        var limits = ProtocolLimits.v1
        limits.embeddingDimension = config.matching.dimension
        self.requestValidator = RequestValidator(limits: limits, vocabulary: vocabulary)
        self.workerValidator = WorkerValidator(limits: limits, maxShardID: UInt32(shardMap.shards.count - 1))
        self.store = store
        self.outbox = outbox
        self.clock = clock
        self.logger = logger
        self.locateProvince = locateProvince
        let topics = TopicSequences()
        self.publisher = AlertPublisher(store: store, outbox: outbox, topics: topics, clock: clock)
        self.operatorRequests = OperatorRequests(store: store, topics: topics, clock: clock)
        self.access = RequestAccess(control: access, store: store, clock: clock, logger: logger, locateProvince: locateProvince)
        self.sightingEngine = MatchEngine(config: matchConfig, partitions: 1)
        let policy = CoordinatorPolicy(config)
        self.core = Core(shardMap: shardMap, matchConfig: matchConfig, policy: policy, heartbeat: Membership.Timing(config.heartbeat),
                         photos: RepostDetector(), now: CoordinatorTime(unixSeconds: clock.unixSeconds(), monotonic: clock.monotonic()))
        // A new epoch per run: a worker cursor from an earlier run always gets a snapshot.
        self.streams = ShardStreams(shards: shardMap.shards.map { shardMap.index(of: $0.id) },
                                    epoch: UInt64(clock.unixMilliseconds()), incrementsKept: policy.streamIncrementsKept)
    }

    var now: CoordinatorTime { CoordinatorTime(unixSeconds: clock.unixSeconds(), monotonic: clock.monotonic()) }
    func inspect<T: Sendable>(_ read: @Sendable (Core) -> T) -> T { read(core) }  // ops status, drain: CoordinatorOps
}

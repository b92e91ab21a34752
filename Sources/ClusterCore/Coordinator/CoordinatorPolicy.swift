/// Every number the coordinator decides by, in one place (docs/failures.md,
/// docs/configuration.md). The configurable ones come from `ClusterConfig`;
/// the rest are fixed here with the reason for each.
public struct CoordinatorPolicy: Sendable, Equatable {
    /// Bulk work is refused with "retry later" once this many sightings wait
    /// to be matched (before anything is stored).
    public var bulkQueueLimit = 20_000
    /// Urgent work is refused only past this: memory stays finite even then.
    public var urgentQueueLimit = 200_000
    /// The wait a submission refused for a full queue is told to keep.
    public var queueFullRetryAfterMs: UInt32 = 200
    /// The wait a photo submission is told to keep when no worker can extract faces.
    public var noWorkerRetryAfterMs: UInt32 = 1_000
    /// One extraction attempt's deadline: dlib takes well under a second a
    /// photo, so this only fires for a worker that stalled or lost the job.
    public var extractionTimeout: Duration = .seconds(20)
    /// Attempts per photo (each on another live worker where there is one).
    public var extractionTries = 3
    /// Match requests sent and left unanswered (every replica tried) before a
    /// sighting is marked failed instead of being retried forever.
    public var matchTries = 5
    /// Faces a sighting keeps in all (`ProtocolLimits.maxSightingFaces`, 64): the
    /// embeddings it came with, then each photo's faces, most confident first;
    /// the rest are dropped and logged.
    public var maxFacesPerSighting = 64
    /// Faces of one sighting per entry of a match request (at most the worker
    /// protocol's `ProtocolLimits.maxSightingFaces`). A sighting with more goes
    /// as several entries with the same id; the decision merges their
    /// candidates, so nothing is lost and no request is refused for it.
    public var facesPerMatchEntry = 64
    /// Match requests out to the workers at once (`coordinator.matchRequestsInFlight`).
    public var matchRequestsInFlight = 2
    /// Sightings per match request (`coordinator.matchBatchSize`).
    public var matchBatchSize = 64
    /// One replica's time to answer its shards (`heartbeat.requestTimeoutMilliseconds`).
    public var matchAttemptTimeout: Duration = .seconds(2)
    /// Feature-update increments kept per shard: a worker whose cursor is
    /// within them gets only what it missed, otherwise a snapshot.
    public var streamIncrementsKept = 50_000

    public init() {}

    /// The policy of a cluster: its configured fields, the fixed ones above.
    public init(_ config: ClusterConfig) {
        self.init()
        matchRequestsInFlight = config.coordinator.matchRequestsInFlight
        matchBatchSize = config.coordinator.matchBatchSize
        matchAttemptTimeout = .milliseconds(config.heartbeat.requestTimeoutMilliseconds)
        bulkQueueLimit = config.coordinator.bulkQueueLimit
        urgentQueueLimit = config.coordinator.urgentQueueLimit
        extractionTimeout = .milliseconds(config.coordinator.extractionTimeoutMilliseconds)
        extractionTries = config.coordinator.extractionTries
        matchTries = config.coordinator.matchTries
    }
}

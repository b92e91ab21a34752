import Foundation

/// A cluster's configuration, read from a JSON file in `cluster-config/`.
///
/// Every field has a default so that a config names only what differs (the
/// file is merged over the defaults, see `ClusterConfig+Loading.swift`); the
/// defaults are the contract's. `docs/configuration.md` describes each field.
public struct ClusterConfig: Codable, Sendable, Equatable {
    public struct Coordinator: Codable, Sendable, Equatable {
        /// ROUTER for client requests (intake, operators, load tests).
        public var clientEndpoint: String = "tcp://127.0.0.1:5570"
        /// PUB for alerts, topic = province code.
        public var alertsEndpoint: String = "tcp://127.0.0.1:5571"
        /// ROUTER that workers connect to.
        public var workerEndpoint: String = "tcp://127.0.0.1:5572"
        /// ROUTER of the coordinator's distributed actors (control plane: `ClusterDirectory`).
        public var controlEndpoint: String = "tcp://127.0.0.1:5573"
        /// SQLite database path, relative to the config file's directory when not absolute.
        public var database: String = "../var/coordinator.sqlite"
        /// Client requests worked on at once; past this, sighting submissions are
        /// answered "retry later" (back-pressure, docs/failures.md).
        public var intakeSlots: Int = 4_096
        /// Match requests out to the workers at once. Workers serve requests in
        /// order, so an urgent sighting waits behind those: 2 keeps workers busy
        /// and fresh-case alerts quick (docs/benchmarks.md, load tests).
        public var matchRequestsInFlight: Int = 2
        /// Sightings per match request: the batched kernel's rows are read once per batch.
        public var matchBatchSize: Int = 64
        /// HTTP endpoint for `/metrics`, `/health` and `/ready` (docs/operations.md).
        /// Loopback by default: put a reverse proxy or a scraper on the host in front of it.
        public var opsEndpoint: String = "http://127.0.0.1:5580"
        /// On SIGTERM/SIGINT the coordinator refuses new requests (retry later), finishes
        /// in-flight matching and publication, and exits within this bound.
        public var drainTimeoutMilliseconds: Int = 10_000
        /// Request-id replies and published alert frames older than this are deleted
        /// (the last frame of every topic is always kept, so numbering goes on).
        public var retentionDays: Int = 7
        /// Photos kept for review (a case's, a sighting's) are deleted this many
        /// days after no open case needs them (issue 15; docs/console.md).
        public var photoRetentionDays: Int = 30
        /// Bulk sightings waiting to be matched past which bulk submissions are
        /// refused with "retry later", before anything is stored.
        public var bulkQueueLimit: Int = 20_000
        /// The same for urgent sightings: much larger, so that only memory bounds them.
        public var urgentQueueLimit: Int = 200_000
        /// One face-extraction attempt's deadline on a worker.
        public var extractionTimeoutMilliseconds: Int = 20_000
        /// Attempts per photo, each on another live worker where there is one.
        public var extractionTries: Int = 3
        /// Match requests left unanswered by every replica before a sighting is
        /// marked failed (with its reason) instead of being retried forever.
        public var matchTries: Int = 5
    }

    public struct Worker: Codable, Sendable, Equatable {
        public var id: WorkerID
        /// Matcher actors in this worker (absent: one per core). Array elements get
        /// no defaults from the merge, so optional fields here are optionals.
        public var matchers: Int?
        /// HTTP endpoint for `/metrics`, `/health` and `/ready` (absent: a free loopback port, logged at start).
        public var opsEndpoint: String?
        /// Face extractors in this worker, each a dlib model copy on its own
        /// thread (absent: one per core; 0: this worker does not extract).
        public var extractors: Int?

        public init(id: WorkerID, matchers: Int? = nil, extractors: Int? = nil, opsEndpoint: String? = nil) {
            self.id = id
            self.matchers = matchers
            self.extractors = extractors
            self.opsEndpoint = opsEndpoint
        }
    }

    public struct ReachTier: Codable, Sendable, Equatable {
        public var maxElapsedSeconds: Int64
        public var reachKm: Double
    }

    public struct Matching: Codable, Sendable, Equatable {
        public var dimension: Int = 128
        /// Minimum dot product of L2-normalised embeddings (contract step 5).
        /// Calibrated for dlib's ResNet v1 model on labelled photos: docs/photo-pipeline.md.
        public var faceThreshold: Double = 0.92
        public var marksWeight: Double = 0.10
        public var topK: Int = 10
        public var ageToleranceYears: Double = 2
        public var urgentWithinSeconds: Int64 = 86_400
        public var reachTiers: [ReachTier] = [
            ReachTier(maxElapsedSeconds: 3_600, reachKm: 100),
            ReachTier(maxElapsedSeconds: 7_200, reachKm: 200),
            ReachTier(maxElapsedSeconds: 10_800, reachKm: 300),
            ReachTier(maxElapsedSeconds: 86_400, reachKm: 500),
            ReachTier(maxElapsedSeconds: 604_800, reachKm: 1_000),
        ]
        /// Controlled vocabulary of distinguishing-mark tags (at most 256).
        public var markVocabulary: [String] = []
    }

    public struct Heartbeat: Codable, Sendable, Equatable {
        public var intervalMilliseconds: Int = 250
        public var suspectAfterMilliseconds: Int = 1_000
        public var deadAfterMilliseconds: Int = 3_000
        /// A shard that does not answer a match request within this is re-sent to its replica.
        public var requestTimeoutMilliseconds: Int = 2_000
    }

    public var coordinator = Coordinator()
    public var workers: [Worker] = []
    public var shards: [ShardMap.Shard] = []
    public var matching = Matching()
    public var heartbeat = Heartbeat()
    public var security = Security()

    public init() {}
}

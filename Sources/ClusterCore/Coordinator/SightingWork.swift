import MatchEngine

/// One sighting's whole life at the coordinator: what it is, what it waits
/// for, and the one state it is in.
public struct SightingWork: Sendable {
    public let id: UInt64
    public var requestID: String
    /// Shell requests waiting for this sighting's reply (more than one when a
    /// request id is retried while the first attempt is still in progress).
    public var tickets: [UInt64]
    public var draft: SightingDraft
    /// Matching features (embeddings grow as photos are extracted).
    public var features: SightingFeatures
    public var priority: MatchQueue<UInt64>.Priority
    /// Shards whose cases can reach the sighting, fixed at intake.
    public var shards: Set<UInt32>
    public var repostOf: UInt64?
    /// The photo digest this sighting claimed (an original) or came with.
    public var digest: [UInt8]?
    /// An original not stored yet: digests of reposts of it that now point at
    /// it, released with its own if it is dropped.
    var repostDigests: [[UInt8]] = []
    /// Extraction outcomes by photo index, until every photo has answered.
    var extracted: [Int: ExtractionOutcome] = [:]
    /// Match requests that came back without every shard answered.
    public var unansweredTries = 0
    public var state: SightingState

    init(id: UInt64, requestID: String, ticket: UInt64, draft: SightingDraft, features: SightingFeatures,
         priority: MatchQueue<UInt64>.Priority, shards: Set<UInt32>, repostOf: UInt64?, digest: [UInt8]?, state: SightingState) {
        self.id = id
        self.requestID = requestID
        self.tickets = [ticket]
        self.draft = draft
        self.features = features
        self.priority = priority
        self.shards = shards
        self.repostOf = repostOf
        self.digest = digest
        self.state = state
    }
}

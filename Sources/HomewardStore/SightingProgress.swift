/// Where one stored sighting is in matching (`ShowSighting`, `homeward sighting show`).
public struct SightingProgress: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Durable, not yet matched against every shard it reaches.
        case pending
        /// Matched at this time; `alertIDs` are what it found.
        case matched(at: Int64)
        /// Given up at this time, for this reason (it will not be matched).
        case failed(at: Int64, reason: String)
        /// A repost of this original: never matched itself.
        case repost(of: UInt64)
    }

    public var id: UInt64
    public var state: State
    public var receivedAt: Int64
    /// Faces stored for matching.
    public var faces: Int
    /// Alerts naming this sighting, ascending (its candidates at matching, and
    /// cases registered later that it matched).
    public var alertIDs: [String]

    public init(id: UInt64, state: State, receivedAt: Int64, faces: Int, alertIDs: [String]) {
        self.id = id
        self.state = state
        self.receivedAt = receivedAt
        self.faces = faces
        self.alertIDs = alertIDs
    }
}

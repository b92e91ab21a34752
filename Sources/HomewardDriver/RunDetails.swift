/// What a run observed, keyed by the ids the cluster assigned, for tests that
/// check the alerts against a reference of their own.
public struct RunDetails: Sendable {
    public struct Pair: Hashable, Sendable {
        public var caseID: UInt64
        public var sightingID: UInt64
        public init(caseID: UInt64, sightingID: UInt64) {
            self.caseID = caseID
            self.sightingID = sightingID
        }
    }

    /// Workload case index → case id.
    public var caseIDs: [Int: UInt64]
    /// Workload sighting index → sighting id (reposts included).
    public var sightingIDs: [Int: UInt64]
    /// Every (case, sighting) pair an alert was received for.
    public var alertPairs: Set<Pair>
    /// Alert id → the topics it arrived on.
    public var alertTopics: [String: Set<String>]
    /// Repost sighting id → the original's id, as acknowledged.
    public var repostOf: [UInt64: UInt64]
}

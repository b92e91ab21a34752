/// What `MatchEngine.matchCounting(_:)` returns: each sighting's top-k, and per
/// sighting how many case rows the gates admitted and how many the fp32 kernel
/// scored (issue 16: the gate-aware layout keeps the second close to the first).
public struct MatchOutcome: Hashable, Sendable {
    /// Per sighting: its top-k candidates (as `MatchEngine.match(_:)`).
    public var candidates: [[MatchCandidate]]
    /// Per sighting: case photos (rows) passing steps 1–4 (time, reach, sex,
    /// age), by `ReferenceMatcher`'s gate test; padding and removed rows
    /// excluded. nil when not asked for (counting costs a gate test per row of
    /// every panel that the gates cut through, more than the scan saves there).
    public var rowsAdmitted: [Int]?
    /// Per sighting: rows the fp32 kernel scored against it, whole panels of 16
    /// (padding and removed rows included).
    public var rowsScanned: [Int]

    public init(candidates: [[MatchCandidate]], rowsAdmitted: [Int]?, rowsScanned: [Int]) {
        self.candidates = candidates
        self.rowsAdmitted = rowsAdmitted
        self.rowsScanned = rowsScanned
    }
}

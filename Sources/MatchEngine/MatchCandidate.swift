/// One ranked (case, sighting) pair that passed every gate: an alert candidate.
public struct MatchCandidate: Hashable, Sendable, Codable {
    public enum Tier: String, Hashable, Sendable, Codable {
        /// elapsed ≤ urgentWithinSeconds (24 h by default).
        case urgent
        case review
    }

    public var caseID: UInt64
    public var sightingID: UInt64
    /// face + marksWeight × marks (in Double).
    public var score: Double
    /// Best dot product over (case photo, sighting face).
    public var face: Float
    /// Jaccard overlap of the mark sets.
    public var marks: Double
    /// sighting.observedAt − case.missingSince, seconds.
    public var elapsed: Int64
    public var tier: Tier

    public init(caseID: UInt64, sightingID: UInt64, score: Double, face: Float, marks: Double,
                elapsed: Int64, tier: Tier) {
        self.caseID = caseID
        self.sightingID = sightingID
        self.score = score
        self.face = face
        self.marks = marks
        self.elapsed = elapsed
        self.tier = tier
    }

    /// Step 8's order: score descending, then case id ascending.
    @inlinable
    public func ranksBefore(_ other: MatchCandidate) -> Bool {
        score != other.score ? score > other.score : caseID < other.caseID
    }
}

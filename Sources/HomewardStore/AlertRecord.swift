/// A decided alert. Its id is derived from (case, sighting), so storing the
/// same match twice is a no-op rather than a second alert.
public struct AlertRecord: Sendable, Equatable {
    public enum Tier: String, Sendable, Equatable { case urgent, review }

    public var id: String
    public var caseID: UInt64
    public var sightingID: UInt64
    public var score: Double
    public var face: Double
    public var marks: Double
    public var tier: Tier
    public var createdAt: Int64

    public init(id: String, caseID: UInt64, sightingID: UInt64, score: Double, face: Double, marks: Double, tier: Tier, createdAt: Int64) {
        self.id = id
        self.caseID = caseID
        self.sightingID = sightingID
        self.score = score
        self.face = face
        self.marks = marks
        self.tier = tier
        self.createdAt = createdAt
    }
}

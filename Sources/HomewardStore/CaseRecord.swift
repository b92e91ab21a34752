/// A case as stored: matching features and status, without personal data.
public struct CaseRecord: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable { case open, found, withdrawn }

    public var id: UInt64
    public var status: Status
    /// 0 unknown, 1 female, 2 male (the protocol's enum values).
    public var sex: Int
    public var birthDate: Int64
    public var missingSince: Int64
    public var lastSeenLatitude: Double
    public var lastSeenLongitude: Double
    /// GB/T 2260 province code of the last-seen point, if it lies in one.
    public var province: String?
    public var marks: [String]
    public var embeddings: [[Float]]
    public var registeredAt: Int64
    public var closedAt: Int64?

    public init(id: UInt64, status: Status = .open, sex: Int, birthDate: Int64, missingSince: Int64,
                lastSeenLatitude: Double, lastSeenLongitude: Double, province: String?, marks: [String],
                embeddings: [[Float]], registeredAt: Int64, closedAt: Int64? = nil) {
        self.id = id
        self.status = status
        self.sex = sex
        self.birthDate = birthDate
        self.missingSince = missingSince
        self.lastSeenLatitude = lastSeenLatitude
        self.lastSeenLongitude = lastSeenLongitude
        self.province = province
        self.marks = marks
        self.embeddings = embeddings
        self.registeredAt = registeredAt
        self.closedAt = closedAt
    }
}

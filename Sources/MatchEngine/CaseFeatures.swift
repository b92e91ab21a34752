import GeoIndex

/// What a worker knows about an open case for matching: features only, never
/// names or free text.
public struct CaseFeatures: Hashable, Sendable {
    public static let maxEmbeddings = 8

    public var id: UInt64
    /// 1–8 L2-normalised face embeddings (one per photo), each `dimension` floats.
    public var embeddings: [[Float]]
    public var sex: Sex
    /// Unix second of 00:00 UTC of the birth day.
    public var birthDate: Int64
    /// Unix second the child went missing.
    public var missingSince: Int64
    public var lastSeen: GeoPoint
    public var marks: MarkSet

    public init(id: UInt64, embeddings: [[Float]], sex: Sex, birthDate: Int64,
                missingSince: Int64, lastSeen: GeoPoint, marks: MarkSet = MarkSet()) {
        self.id = id
        self.embeddings = embeddings
        self.sex = sex
        self.birthDate = birthDate
        self.missingSince = missingSince
        self.lastSeen = lastSeen
        self.marks = marks
    }

    /// The checks a store applies before accepting the case.
    public func validate(dimension: Int) throws(FeatureValidationError) {
        guard !embeddings.isEmpty else { throw .noEmbeddings }
        guard embeddings.count <= Self.maxEmbeddings else {
            throw .tooManyEmbeddings(count: embeddings.count, limit: Self.maxEmbeddings)
        }
        try validateEmbeddings(embeddings, dimension: dimension)
        guard lastSeen.isValid else { throw .invalidLocation }
    }

    var attributes: CaseAttributes {
        CaseAttributes(sex: sex, birthDate: birthDate, missingSince: missingSince, lastSeen: lastSeen, marks: marks)
    }
}

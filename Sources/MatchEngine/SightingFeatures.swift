import GeoIndex

/// What a worker knows about a sighting for matching.
public struct SightingFeatures: Hashable, Sendable {
    /// Faces per sighting photo that the matcher accepts.
    public static let maxEmbeddings = 64
    /// Oldest estimated age in years: children missing for decades are found as adults.
    public static let maxAgeYears: Double = 100

    public var id: UInt64
    /// Unix second the photo was taken.
    public var observedAt: Int64
    public var location: GeoPoint
    public var sex: Sex
    /// Estimated age range in years (inclusive), when the submitter gave one.
    public var estimatedAge: ClosedRange<Double>?
    public var marks: MarkSet
    /// 1 or more L2-normalised face embeddings.
    public var embeddings: [[Float]]

    public init(id: UInt64, observedAt: Int64, location: GeoPoint, sex: Sex = .unknown,
                estimatedAge: ClosedRange<Double>? = nil, marks: MarkSet = MarkSet(), embeddings: [[Float]]) {
        self.id = id
        self.observedAt = observedAt
        self.location = location
        self.sex = sex
        self.estimatedAge = estimatedAge
        self.marks = marks
        self.embeddings = embeddings
    }

    public func validate(dimension: Int) throws(FeatureValidationError) {
        guard !embeddings.isEmpty else { throw .noEmbeddings }
        guard embeddings.count <= Self.maxEmbeddings else {
            throw .tooManyEmbeddings(count: embeddings.count, limit: Self.maxEmbeddings)
        }
        try validateEmbeddings(embeddings, dimension: dimension)
        guard location.isValid else { throw .invalidLocation }
        if let age = estimatedAge {
            guard age.lowerBound.isFinite, age.upperBound.isFinite, age.lowerBound >= 0, age.upperBound <= Self.maxAgeYears else {
                throw .invalidAgeRange(lo: age.lowerBound, hi: age.upperBound)
            }
        }
    }

    var attributes: SightingAttributes {
        SightingAttributes(observedAt: observedAt, location: location, sex: sex, estimatedAge: estimatedAge, marks: marks)
    }
}

import GeoIndex

/// A stored case's gate attributes (everything but the embeddings).
public struct CaseAttributes: Hashable, Sendable {
    public var sex: Sex
    public var birthDate: Int64
    public var missingSince: Int64
    public var lastSeen: GeoPoint
    public var marks: MarkSet
}

/// A stored sighting's gate attributes (everything but the embeddings).
public struct SightingAttributes: Hashable, Sendable {
    public var observedAt: Int64
    public var location: GeoPoint
    public var sex: Sex
    public var estimatedAge: ClosedRange<Double>?
    public var marks: MarkSet
}

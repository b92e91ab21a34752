import GeoIndex

/// A stored sighting's gate attributes (everything but the embeddings).
public struct SightingAttributes: Hashable, Sendable {
    public var observedAt: Int64
    public var location: GeoPoint
    public var sex: Sex
    public var estimatedAge: ClosedRange<Double>?
    public var marks: MarkSet
}

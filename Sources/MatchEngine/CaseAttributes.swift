import GeoIndex

/// A stored case's gate attributes (everything but the embeddings).
public struct CaseAttributes: Hashable, Sendable {
    public var sex: Sex
    public var birthDate: Int64
    public var missingSince: Int64
    public var lastSeen: GeoPoint
    public var marks: MarkSet
}

import MatchEngine

/// A generated case: its matching features, the province of its last-seen
/// point, and synthetic stand-ins for personal data (never real names).
public struct GeneratedCase: Hashable, Sendable {
    public var features: CaseFeatures
    public var province: String
    public var markTags: [String]
    public var syntheticName: String
}

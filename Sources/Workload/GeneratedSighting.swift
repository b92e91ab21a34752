import MatchEngine

/// A generated sighting and what it really is.
public struct GeneratedSighting: Hashable, Sendable {
    public enum Truth: Hashable, Sendable {
        /// A child who matches no case.
        case unrelated
        /// A true re-sighting of the case at this index of `Workload.cases`.
        case resighting(caseIndex: Int)
        /// The same photo as the sighting at this index of `Workload.sightings`.
        case repost(of: Int)
    }

    public var features: SightingFeatures
    public var markTags: [String]
    /// Stands in for the photo's SHA-256: reposts share it.
    public var photoDigest: [UInt8]
    public var truth: Truth
}

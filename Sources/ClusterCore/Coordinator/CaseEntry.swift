import MatchEngine

/// An open case as the coordinator routes and decides by it: its matching
/// features, the province of its last-seen point and the shard holding it.
public struct CaseEntry: Sendable, Equatable {
    public var features: CaseFeatures
    /// Province code of the last-seen point; nil off the map.
    public var province: String?
    /// Shard index (`ShardMap.index(of:)`).
    public var shard: UInt32

    public init(features: CaseFeatures, province: String?, shard: UInt32) {
        self.features = features
        self.province = province
        self.shard = shard
    }
}

import GeoIndex
import MatchEngine

extension MatchConfig {
    /// The matching engine's settings from a cluster config's `matching` section.
    /// The one mapping from config to matcher: the coordinator, the workers and
    /// the tests' reference all use it, so they can never disagree.
    public init(_ m: ClusterConfig.Matching) throws {
        self.init(
            dimension: m.dimension, faceThreshold: Float(m.faceThreshold), marksWeight: m.marksWeight, topK: m.topK,
            ageToleranceYears: m.ageToleranceYears,
            reachTiers: try ReachTierTable(tiers: m.reachTiers.map { .init(maxElapsedSeconds: $0.maxElapsedSeconds, reachKm: $0.reachKm) }),
            urgentWithinSeconds: m.urgentWithinSeconds)
    }
}

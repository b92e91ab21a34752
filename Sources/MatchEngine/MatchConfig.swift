import GeoIndex

/// The matching contract's parameters (docs/matching-contract.md).
public struct MatchConfig: Hashable, Sendable {
    /// Floats per embedding: 128 for dlib's ResNet model; 512 is supported.
    public var dimension: Int
    /// Step 5: minimum face score (inclusive). The default 0.82 is dlib's usual
    /// 0.6 Euclidean distance between unit vectors (cos = 1 − 0.6²/2); the photo
    /// pipeline calibrates the deployed value.
    public var faceThreshold: Float
    /// Step 7: weight of the marks overlap in the score.
    public var marksWeight: Double
    /// Step 8: candidates kept per sighting.
    public var topK: Int
    /// Step 4: years added on both sides of the sighting's estimated age range.
    public var ageToleranceYears: Double
    /// Step 2: reach by elapsed time.
    public var reachTiers: ReachTierTable
    /// Step 8: `elapsed <= urgentWithinSeconds` makes an alert urgent.
    public var urgentWithinSeconds: Int64

    public init(dimension: Int = 128, faceThreshold: Float = 0.82, marksWeight: Double = 0.10, topK: Int = 10,
                ageToleranceYears: Double = 2, reachTiers: ReachTierTable = .default,
                urgentWithinSeconds: Int64 = 86_400) {
        precondition(dimension > 0 && topK > 0 && marksWeight >= 0 && marksWeight.isFinite,
                     "MatchConfig: dimension and topK must be positive, marksWeight finite and >= 0")
        self.dimension = dimension
        self.faceThreshold = faceThreshold
        self.marksWeight = marksWeight
        self.topK = topK
        self.ageToleranceYears = ageToleranceYears
        self.reachTiers = reachTiers
        self.urgentWithinSeconds = urgentWithinSeconds
    }
}

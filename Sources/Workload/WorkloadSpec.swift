/// What to generate. Every number here is part of the seed's meaning: the
/// same spec gives the same workload on every machine.
public struct WorkloadSpec: Hashable, Sendable {
    public var seed: UInt64 = 1
    /// Cases registered before the stream starts.
    public var initialCases: Int = 50_000
    /// Cases registered during the stream, after some of their sightings (contract step 10).
    public var lateCases: Int = 20
    /// Unique sightings in the stream.
    public var sightings: Int = 5_000
    /// Fraction of sightings that are true re-sightings of a case.
    public var trueFraction: Double = 0.2
    /// Of the true re-sightings, the fraction aimed at fresh cases (missing ≤ 24 h).
    public var freshTargetFraction: Double = 0.3
    /// Reposts of earlier sightings' photos added to the stream (same photo digest).
    public var reposts: Int = 200
    public var dimension: Int = 128
    /// The config's face threshold: noise is sized so true pairs score well above it.
    public var faceThreshold: Double = 0.92
    /// Size of the mark vocabulary the tags are drawn from.
    public var markVocabularySize: Int = 30
    /// The stream's "now" (Unix seconds); case times are drawn before it.
    public var now: Int64 = 1_796_000_000

    public init() {}
}

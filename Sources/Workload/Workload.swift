/// A generated case base and sighting stream with ground truth.
///
/// Ids inside are placeholders (index + 1): the coordinator assigns real ids at
/// intake, and a driver maps them back by index.
public struct Workload: Sendable {
    public enum Event: Hashable, Sendable {
        case registerCase(index: Int)
        case submitSighting(index: Int)
    }

    public var spec: WorkloadSpec
    public var markVocabulary: [String]
    public var cases: [GeneratedCase]
    public var sightings: [GeneratedSighting]
    /// Cases `0..<spec.initialCases` are registered before the stream; the stream
    /// interleaves sightings with the late cases' registrations.
    public var stream: [Event]

    /// (case index, sighting index) of every true re-sighting.
    public var truePairs: [(caseIndex: Int, sightingIndex: Int)] {
        sightings.enumerated().compactMap { i, s in
            if case .resighting(let c) = s.truth { (c, i) } else { nil }
        }
    }
}

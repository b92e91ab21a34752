import MatchEngine

/// Turns gathered candidates into alerts (contract steps 8 and 9). Pure.
public struct AlertDecider: Sendable {
    /// One alert and the provinces whose operator topics receive it.
    public struct Decision: Hashable, Sendable {
        public var candidate: MatchCandidate
        /// 1-based rank among the sighting's candidates.
        public var rank: Int
        /// Distinct province codes: the case's, then the sighting's if different.
        public var provinces: [String]
    }

    public let topK: Int

    public init(topK: Int) { self.topK = topK }

    /// Merges the candidate lists that shards returned for one sighting: each
    /// case counted once, sorted by score descending then case id ascending,
    /// cut to `topK`.
    public func rank(_ parts: some Sequence<[MatchCandidate]>) -> [MatchCandidate] {
        var best: [UInt64: MatchCandidate] = [:]
        for part in parts {
            for c in part where best[c.caseID].map({ c.ranksBefore($0) }) ?? true { best[c.caseID] = c }
        }
        return Array(best.values.sorted { $0.ranksBefore($1) }.prefix(topK))
    }

    /// Alerts for one sighting's ranked candidates. `caseProvince` gives the
    /// province of a case's last-seen point (nil when off the map).
    public func decide(ranked: [MatchCandidate], sightingProvince: String?, caseProvince: (UInt64) -> String?) -> [Decision] {
        ranked.enumerated().map { i, c in
            var provinces: [String] = []
            for p in [caseProvince(c.caseID), sightingProvince] {
                if let p, !provinces.contains(p) { provinces.append(p) }
            }
            return Decision(candidate: c, rank: i + 1, provinces: provinces)
        }
    }
}

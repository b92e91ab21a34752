import GeoIndex

/// Contract steps 1–4 (time, reach, sex, age) for the engine. Applied only to
/// pairs whose face score can still reach the top-k, so the haversine is rare.
struct Gates: Sendable {
    let config: MatchConfig

    /// `elapsed` when the pair passes every gate, else nil.
    @inline(__always)
    func pass(_ s: SightingAttributes, _ c: CaseAttributes) -> Int64? {
        let elapsed = s.observedAt &- c.missingSince
        guard elapsed >= 0 else { return nil }
        guard s.sex.isCompatible(with: c.sex) else { return nil }
        if let range = s.estimatedAge {
            let age = Double(s.observedAt &- c.birthDate) / 86_400 / 365.2425
            guard age >= range.lowerBound - config.ageToleranceYears,
                  age <= range.upperBound + config.ageToleranceYears else { return nil }
        }
        let reach = config.reachTiers.reachKm(elapsedSeconds: elapsed)
        if reach != .infinity, Geodesy.haversineKm(s.location, c.lastSeen) > reach { return nil }
        return elapsed
    }

    func candidate(caseID: UInt64, sightingID: UInt64, face: Float, elapsed: Int64,
                   sightingMarks: MarkSet, caseMarks: MarkSet) -> MatchCandidate {
        let marks = sightingMarks.jaccard(caseMarks)
        return MatchCandidate(caseID: caseID, sightingID: sightingID, score: Double(face) + config.marksWeight * marks,
                              face: face, marks: marks, elapsed: elapsed,
                              tier: elapsed <= config.urgentWithinSeconds ? .urgent : .review)
    }
}

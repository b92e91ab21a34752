import GeoIndex

/// The matching contract in plain loops: the oracle every fast path is tested
/// against. Written to read like docs/matching-contract.md, not to be fast.
public struct ReferenceMatcher: Sendable {
    public let config: MatchConfig

    public init(config: MatchConfig) { self.config = config }

    /// Steps 1–7 for one pair; nil when a gate or the face threshold rules it out.
    public func evaluate(sighting s: SightingFeatures, case c: CaseFeatures) -> MatchCandidate? {
        guard admits(sighting: s.attributes, case: c.attributes) else { return nil }
        let elapsed = s.observedAt - c.missingSince
        // 5. Face: max over (case photo, sighting face) of the fp32 dot product,
        //    summed with one fused multiply-add per dimension in order.
        var face = -Float.infinity
        for photo in c.embeddings {
            for seen in s.embeddings {
                var dot: Float = 0
                for d in 0..<config.dimension { dot = dot.addingProduct(photo[d], seen[d]) }
                face = max(face, dot)
            }
        }
        if face < config.faceThreshold { return nil }
        // 6. Marks.
        let marks = Self.jaccard(s.marks, c.marks)
        // 7. Score.
        let score = Double(face) + config.marksWeight * marks
        let tier: MatchCandidate.Tier = elapsed <= config.urgentWithinSeconds ? .urgent : .review
        return MatchCandidate(caseID: c.id, sightingID: s.id, score: score, face: face, marks: marks,
                              elapsed: elapsed, tier: tier)
    }

    /// Steps 1–4 (time, reach, sex, age): whether the gates let the pair through
    /// to the face score.
    func admits(sighting s: SightingAttributes, case c: CaseAttributes) -> Bool {
        // 1. Time.
        let elapsed = s.observedAt - c.missingSince
        if elapsed < 0 { return false }
        // 2. Reach, inclusive.
        let reach = config.reachTiers.reachKm(elapsedSeconds: elapsed)
        if reach != .infinity {
            let distance = Geodesy.haversineKm(s.location, c.lastSeen)
            if distance > reach { return false }
        }
        // 3. Sex.
        if s.sex != .unknown && c.sex != .unknown && s.sex != c.sex { return false }
        // 4. Age at the sighting, inclusive tolerance.
        if let range = s.estimatedAge {
            let age = Double(s.observedAt - c.birthDate) / 86_400 / 365.2425
            if age < range.lowerBound - config.ageToleranceYears { return false }
            if age > range.upperBound + config.ageToleranceYears { return false }
        }
        return true
    }

    /// Case photos (rows) that pass steps 1–4 for the sighting: what a
    /// gate-aware scan must at least score (`MatchOutcome.rowsAdmitted`).
    public func admittedRows(sighting: SightingFeatures, cases: [CaseFeatures]) -> Int {
        cases.reduce(0) { $0 + (admits(sighting: sighting.attributes, case: $1.attributes) ? $1.embeddings.count : 0) }
    }

    /// Step 8: the sighting's top-K candidates, score descending, ties by case id ascending.
    public func match(sighting: SightingFeatures, cases: [CaseFeatures]) -> [MatchCandidate] {
        let all = cases.compactMap { evaluate(sighting: sighting, case: $0) }
        let sorted = all.sorted { a, b in a.score != b.score ? a.score > b.score : a.caseID < b.caseID }
        return Array(sorted.prefix(config.topK))
    }

    /// Step 10: a newly registered case against stored sightings, each at its own
    /// time; one candidate per sighting that passes, ordered by sighting id.
    /// (Whether it displaces a sighting's existing alerts is the caller's step 8.)
    public func match(newCase: CaseFeatures, sightings: [SightingFeatures]) -> [MatchCandidate] {
        sightings.compactMap { evaluate(sighting: $0, case: newCase) }.sorted { $0.sightingID < $1.sightingID }
    }

    static func jaccard(_ a: MarkSet, _ b: MarkSet) -> Double {
        var inter = 0, union = 0
        for tag in 0..<MarkSet.capacity {
            let inA = a.contains(tag), inB = b.contains(tag)
            if inA && inB { inter += 1 }
            if inA || inB { union += 1 }
        }
        return union == 0 ? 0 : Double(inter) / Double(union)
    }
}

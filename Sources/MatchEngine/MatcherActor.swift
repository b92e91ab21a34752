/// One partition of a shard: its cases and stored sightings, scanned on one
/// core at a time. `MatchEngine` runs one per core and merges their top-k.
actor MatcherActor {
    let config: MatchConfig
    let kernel: MatchKernel
    let prefilter: ScanPrefilter
    private let cases: CaseStore
    private let sightings: SightingFeatureStore

    init(config: MatchConfig, kernel: MatchKernel, prefilter: ScanPrefilter, hugePages: Bool = true) {
        self.config = config
        self.kernel = kernel
        self.prefilter = prefilter
        cases = CaseStore(dimension: config.dimension, hugePages: hugePages, keepsBF16: prefilter.keepsBF16,
                          keepsInt8: prefilter.keepsInt8)
        sightings = SightingFeatureStore(dimension: config.dimension)
    }

    var caseCount: Int { cases.itemCount }
    var caseRowCount: Int { cases.liveRows }
    var sightingCount: Int { sightings.itemCount }

    func upsert(_ c: CaseFeatures) { cases.upsert(id: c.id, embeddings: c.embeddings, attributes: c.attributes) }

    func upsert(_ batch: [CaseFeatures]) { for c in batch { upsert(c) } }

    func removeCase(_ id: UInt64) -> Bool { cases.remove(id: id) }

    func upsert(_ s: SightingFeatures) {
        sightings.upsert(id: s.id, embeddings: s.embeddings, attributes: s.attributes)
    }

    func removeSighting(_ id: UInt64) -> Bool { sightings.remove(id: id) }

    func topK(_ batch: [SightingFeatures], countAdmitted: Bool) -> (candidates: [[MatchCandidate]], admitted: [Int], scanned: [Int]) {
        cases.topK(batch, config: config, kernel: kernel, prefilter: prefilter, countAdmitted: countAdmitted)
    }

    func prepare(now: Int64) { cases.prepare(now: now, config: config) }

    func candidates(forNewCase c: CaseFeatures) -> [MatchCandidate] {
        sightings.candidates(forNewCase: c, config: config, kernel: kernel)
    }

    func invariantViolation() -> String? { cases.invariantViolation() ?? sightings.invariantViolation() }
}

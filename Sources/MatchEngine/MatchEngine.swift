/// A shard's matching engine: cases and stored sightings partitioned across
/// `MatcherActor`s (one per core by default) that scan in parallel; results are
/// merged into each sighting's top-k. Every method returns exactly what
/// `ReferenceMatcher` returns for the same stored data.
public struct MatchEngine: Sendable {
    public let config: MatchConfig
    public let kernel: MatchKernel
    /// The case scan's prefilter; `.none` when the configuration rules it out.
    public let prefilter: ScanPrefilter
    private let partitions: [MatcherActor]

    /// - Parameters:
    ///   - partitions: matcher actors; defaults to one per active core.
    ///   - kernel: the kernel build; `MatchKernel.best` unless testing.
    ///   - prefilter: the prefilters in front of the case scan
    ///     (`ScanPrefilter`); `.automatic` unless testing or comparing.
    ///   - hugePages: case stores of 2 MiB and more ask for transparent huge
    ///     pages (off only to compare with a peer that cannot have them).
    public init(config: MatchConfig, partitions: Int? = nil, kernel: MatchKernel = .best,
                prefilter: ScanPrefilter = .automatic, hugePages: Bool = true) {
        let n = max(1, partitions ?? ProcessInfoCores.active)
        precondition(kernel.isSupported, "MatchEngine: kernel \(kernel) is not supported by this CPU")
        precondition(prefilter != .int8 || kernel == .scalar || Int8Prefilter.isAvailable,
                     "MatchEngine: the int8 prefilter needs AVX-512 VNNI (or the scalar kernel)")
        // Both prefilters' margins assume |threshold| ≤ 16 (`BF16Prefilter.applies`).
        let prefilter = BF16Prefilter.applies(faceThreshold: config.faceThreshold) ? prefilter : .none
        self.config = config
        self.kernel = kernel
        self.prefilter = prefilter
        self.partitions = (0..<n).map { _ in
            MatcherActor(config: config, kernel: kernel, prefilter: prefilter, hugePages: hugePages)
        }
    }

    public var partitionCount: Int { partitions.count }

    private func partition(of id: UInt64) -> MatcherActor { partitions[partitionIndex(of: id)] }

    private func partitionIndex(of id: UInt64) -> Int {
        // A multiplicative hash spreads both sequential and strided ids.
        Int(((id &* 0x9E37_79B9_7F4A_7C15) >> 32) % UInt64(partitions.count))
    }

    // MARK: cases

    /// Adds a case or replaces the stored one with the same id.
    public func upsertCase(_ c: CaseFeatures) async throws(FeatureValidationError) {
        try c.validate(dimension: config.dimension)
        await partition(of: c.id).upsert(c)
    }

    /// Adds many cases (validated first: on error nothing is stored).
    public func upsertCases(_ batch: [CaseFeatures]) async throws(FeatureValidationError) {
        for c in batch { try c.validate(dimension: config.dimension) }
        var byPartition = [[CaseFeatures]](repeating: [], count: partitions.count)
        for c in batch { byPartition[partitionIndex(of: c.id)].append(c) }
        await withTaskGroup(of: Void.self) { group in
            for (p, cases) in byPartition.enumerated() where !cases.isEmpty {
                let actor = partitions[p]
                group.addTask { await actor.upsert(cases) }
            }
        }
    }

    /// Removes a case (it was closed); false when it was not stored.
    @discardableResult
    public func removeCase(id: UInt64) async -> Bool { await partition(of: id).removeCase(id) }

    public func caseCount() async -> Int {
        var total = 0
        for p in partitions { total += await p.caseCount }
        return total
    }

    // MARK: sightings kept for step 10

    /// Stores a sighting's features so later cases are matched against it (step 10).
    public func storeSighting(_ s: SightingFeatures) async throws(FeatureValidationError) {
        try s.validate(dimension: config.dimension)
        await partition(of: s.id).upsert(s)
    }

    @discardableResult
    public func removeSighting(id: UInt64) async -> Bool { await partition(of: id).removeSighting(id) }

    // MARK: matching

    /// Steps 1–8 for each sighting against every stored case: its top-k
    /// candidates, score descending, ties by case id ascending.
    public func match(_ sightings: [SightingFeatures]) async throws(FeatureValidationError) -> [[MatchCandidate]] {
        try await scan(sightings, countAdmitted: false).candidates
    }

    /// `match(_:)` with, per sighting, the rows the kernel scored and, when
    /// `countAdmitted`, the case rows its gates admit (that count costs a gate
    /// test per row of the panels the gates cut through; the scanned one is free).
    public func matchCounting(_ sightings: [SightingFeatures], countAdmitted: Bool = true) async throws(FeatureValidationError) -> MatchOutcome {
        try await scan(sightings, countAdmitted: countAdmitted)
    }

    private func scan(_ sightings: [SightingFeatures], countAdmitted: Bool) async throws(FeatureValidationError) -> MatchOutcome {
        for s in sightings { try s.validate(dimension: config.dimension) }
        let parts = await withTaskGroup(of: (candidates: [[MatchCandidate]], admitted: [Int], scanned: [Int]).self) { group in
            for p in partitions { group.addTask { await p.topK(sightings, countAdmitted: countAdmitted) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        return MatchOutcome(
            candidates: (0..<sightings.count).map { i in merge(parts.map { $0.candidates[i] }) },
            rowsAdmitted: countAdmitted ? (0..<sightings.count).map { i in parts.reduce(0) { $0 + $1.admitted[i] } } : nil,
            rowsScanned: (0..<sightings.count).map { i in parts.reduce(0) { $0 + $1.scanned[i] } })
    }

    /// Lays the cases out for the gates now if enough were added or removed
    /// since the last layout, instead of at the next match (`CaseStore`);
    /// `now` (Unix seconds) decides which cases' reach is still limited.
    public func prepare(now: Int64) async {
        await withTaskGroup(of: Void.self) { group in
            for p in partitions { group.addTask { await p.prepare(now: now) } }
        }
    }

    /// Step 10: a new case against every stored sighting; one candidate per
    /// passing sighting, ordered by sighting id. (The case itself is not stored:
    /// call `upsertCase` for that.)
    public func matchNewCase(_ c: CaseFeatures) async throws(FeatureValidationError) -> [MatchCandidate] {
        try c.validate(dimension: config.dimension)
        let parts = await withTaskGroup(of: [MatchCandidate].self) { group in
            for p in partitions { group.addTask { await p.candidates(forNewCase: c) } }
            return await group.reduce(into: []) { $0.append(contentsOf: $1) }
        }
        return parts.sorted { $0.sightingID < $1.sightingID }
    }

    /// Partitions hold disjoint cases, so merging is a sort and a cut.
    private func merge(_ lists: [[MatchCandidate]]) -> [MatchCandidate] {
        Array(lists.joined().sorted { $0.ranksBefore($1) }.prefix(config.topK))
    }

    /// nil when every store's cross-references hold (tests).
    func invariantViolation() async -> String? {
        for p in partitions { if let v = await p.invariantViolation() { return v } }
        return nil
    }
}

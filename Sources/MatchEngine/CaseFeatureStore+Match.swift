import MatchKernels

extension FeatureStore where Attributes == CaseAttributes {
    /// Top-k candidates of each sighting against every case of this store
    /// (steps 1–8), or, with `onlyRows`, against those rows only.
    ///
    /// One kernel pass covers the whole batch: a hit (a face score at or above
    /// its sighting's current bar) is gated (steps 1–4), scored and offered to
    /// that sighting's collector, which then raises the bar of all its faces.
    func topK(_ sightings: [SightingFeatures], config: MatchConfig, kernel: MatchKernel,
              onlyRows: [Int]? = nil) -> [[MatchCandidate]] {
        guard !sightings.isEmpty else { return [] }
        let dimension = config.dimension
        let gates = Gates(config: config)
        var querySighting: [Int] = []
        var queries: [Float] = []
        for (i, s) in sightings.enumerated() {
            for e in s.embeddings {
                queries.append(contentsOf: e)
                querySighting.append(i)
            }
        }
        var facesOfSighting = [[Int]](repeating: [], count: sightings.count)
        for (q, s) in querySighting.enumerated() { facesOfSighting[s].append(q) }
        let sightingAttributes = sightings.map(\.attributes)
        let bonusBound = sightings.map { $0.marks.isEmpty ? 0 : config.marksWeight }
        var collectors = [TopKCollector](repeating: TopKCollector(k: config.topK), count: sightings.count)
        var thresholds = [Float](repeating: config.faceThreshold, count: querySighting.count)

        let gathered = onlyRows.map { panels.gather($0) }
        let source = gathered ?? panels
        let rowLimit = source.count

        queries.withUnsafeBufferPointer { queryBuffer in
            thresholds.withUnsafeMutableBufferPointer { thresholdBuffer in
                let thresholdBase = thresholdBuffer.baseAddress!
                kernel.scan(panels: source.base, panelRange: 0..<source.panelCount, dimension: dimension,
                            queries: queryBuffer.baseAddress!, queryCount: querySighting.count,
                            thresholds: thresholdBase) { query, scannedRow, face in
                    guard scannedRow < rowLimit, face >= config.faceThreshold else { return }
                    let row = onlyRows?[scannedRow] ?? scannedRow
                    let item = Int(itemOfRow[row])
                    let s = querySighting[query]
                    guard let elapsed = gates.pass(sightingAttributes[s], attributes[item]) else { return }
                    collectors[s].offer(gates.candidate(
                        caseID: ids[item], sightingID: sightings[s].id, face: face, elapsed: elapsed,
                        sightingMarks: sightingAttributes[s].marks, caseMarks: attributes[item].marks))
                    if let bar = collectors[s].faceBar(bonusBound: bonusBound[s]) {
                        let raised = max(bar, config.faceThreshold)
                        for q in facesOfSighting[s] { thresholdBase[q] = raised }
                    }
                }
            }
        }
        return collectors.map(\.items)
    }

    /// Rows to scan for `sighting` when a geo index supplies the cases near it:
    /// the rows of `nearbyCaseIDs` stored here, plus the rows of every case whose
    /// reach is unlimited at the sighting's time (those are never near-limited).
    func rowsForNearby(_ nearbyCaseIDs: some Sequence<UInt64>, sighting: SightingFeatures,
                       config: MatchConfig) -> [Int] {
        var takeSlot = [Bool](repeating: false, count: itemCount)
        for id in nearbyCaseIDs { if let slot = slot(of: id) { takeSlot[slot] = true } }
        for slot in 0..<itemCount where !takeSlot[slot] {
            let elapsed = sighting.observedAt &- attributes[slot].missingSince
            if elapsed >= 0, config.reachTiers.tierIndex(elapsedSeconds: elapsed) == nil { takeSlot[slot] = true }
        }
        var rows: [Int] = []
        for slot in 0..<itemCount where takeSlot[slot] { rows.append(contentsOf: rowsOfItem[slot].map { Int($0) }) }
        return rows.sorted()
    }
}

import MatchKernels

extension CaseStore {
    /// Top-k candidates of each sighting (steps 1–8) with per-sighting row counts.
    ///
    /// Each panel is judged per sighting from its summary (`SightingGate`); the
    /// panels are then scanned in blocks of 4 (the kernel's register block)
    /// with only the queries (faces) of the sightings that some panel of the
    /// block admits, consecutive blocks with the same sightings in one kernel
    /// call. A hit is still gated row by row (steps 1–4), so the result is the
    /// reference's whatever the layout.
    func topK(_ sightings: [SightingFeatures], config: MatchConfig, kernel: MatchKernel,
              prefilter: ScanPrefilter = .none, countAdmitted: Bool) -> (candidates: [[MatchCandidate]], admitted: [Int], scanned: [Int]) {
        let n = sightings.count
        guard n > 0 else { return ([], [], []) }
        prepare(now: sightings.map(\.observedAt).max()!, config: config)

        let attributesOfSighting = sightings.map(\.attributes)
        let sightingGates = attributesOfSighting.map { SightingGate($0, config: config) }
        let reference = ReferenceMatcher(config: config)
        var admitted = [Int](repeating: 0, count: n)
        var scanned = [Int](repeating: 0, count: n)

        // Which sightings each panel admits, as bit sets of `words` words.
        let words = (n + 63) / 64
        let panelTotal = panelCount
        var admits = [UInt64](repeating: 0, count: panelTotal * words)
        func judge(panel p: Int, sighting s: Int) {
            let summary = summaries[p]
            let verdict = sightingGates[s].verdict(summary)
            guard verdict != .none else { return }
            admits[p * words + s / 64] |= 1 << UInt64(s % 64)
            guard countAdmitted else { return }
            if verdict == .all {
                admitted[s] += Int(summary.live)
            } else {
                for row in p * PanelLayout.width..<min(itemOfRow.count, (p + 1) * PanelLayout.width) {
                    let item = Int(itemOfRow[row])
                    if item >= 0, reference.admits(sighting: attributesOfSighting[s], case: attributes[item]) {
                        admitted[s] += 1
                    }
                }
            }
        }
        for s in 0..<n {
            // Laid-out panels: only the groups of an admitted sex, only the panels
            // whose birth dates meet the window (found by bisection); then each
            // of those, and every delta panel, on all of its summary.
            let gate = sightingGates[s]
            for (sex, range) in groups where gate.sexes & (1 << sex.rawValue) != 0 {
                for p in birthPanels(range, gate.births) { judge(panel: p, sighting: s) }
            }
            for p in laidOutPanels..<panelTotal { judge(panel: p, sighting: s) }
        }

        // Queries: every face of every sighting, row-major.
        var queries: [Float] = []
        var facesOfSighting = [[Int32]](repeating: [], count: n)
        var querySighting: [Int] = []
        for (s, sighting) in sightings.enumerated() {
            for e in sighting.embeddings {
                facesOfSighting[s].append(Int32(querySighting.count))
                querySighting.append(s)
                queries.append(contentsOf: e)
            }
        }
        let quantised = panels.keepsInt8 ? Int8Prefilter.Queries(queries, dimension: dimension) : nil
        let gates = Gates(config: config)
        let bonusBound = sightings.map { $0.marks.isEmpty ? 0 : config.marksWeight }
        var collectors = [TopKCollector](repeating: TopKCollector(k: config.topK), count: n)
        var thresholds = [Float](repeating: config.faceThreshold, count: querySighting.count)
        let block = PanelScan.panelBlock

        queries.withUnsafeBufferPointer { queryBuffer in
            thresholds.withUnsafeMutableBufferPointer { thresholdBuffer in
                let thresholdBase = thresholdBuffer.baseAddress!
                let onHit: (Int, Int, Float) -> Void = { query, row, face in
                    // Rows past the last stored one are the last panel's zero padding.
                    guard face >= config.faceThreshold, row < self.itemOfRow.count else { return }
                    let item = Int(self.itemOfRow[row])
                    guard item >= 0 else { return }
                    let s = querySighting[query]
                    guard let elapsed = gates.pass(attributesOfSighting[s], self.attributes[item]) else { return }
                    collectors[s].offer(gates.candidate(
                        caseID: self.ids[item], sightingID: sightings[s].id, face: face, elapsed: elapsed,
                        sightingMarks: attributesOfSighting[s].marks, caseMarks: self.attributes[item].marks))
                    if let bar = collectors[s].faceBar(bonusBound: bonusBound[s]) {
                        let raised = max(bar, config.faceThreshold)
                        for q in facesOfSighting[s] { thresholdBase[Int(q)] = raised }
                    }
                }
                var runStart = 0
                var runSet = [UInt64](repeating: 0, count: words)
                var blockSet = [UInt64](repeating: 0, count: words)
                var queryIDs: [Int32] = []
                func flush(until end: Int) {
                    defer { runStart = end }
                    guard runStart < end, runSet.contains(where: { $0 != 0 }) else { return }
                    queryIDs.removeAll(keepingCapacity: true)
                    let rows = (end - runStart) * PanelLayout.width
                    for s in 0..<n where runSet[s / 64] & (1 << UInt64(s % 64)) != 0 {
                        queryIDs.append(contentsOf: facesOfSighting[s])
                        scanned[s] += rows
                    }
                    queryIDs.withUnsafeBufferPointer { ids in
                        switch prefilter.choice(queryCount: ids.count) {
                        case .bf16 where panels.keepsBF16:
                            BF16Prefilter.scan(panels: panels, panelRange: runStart..<end, queries: queryBuffer.baseAddress!,
                                               queryIDs: ids.baseAddress!, queryCount: ids.count,
                                               thresholds: thresholdBase, kernel: kernel, onHit: onHit)
                        case .int8 where quantised != nil:
                            Int8Prefilter.scan(panels: panels, panelRange: runStart..<end, queries: queryBuffer.baseAddress!,
                                               quantised: quantised!, queryIDs: ids.baseAddress!, queryCount: ids.count,
                                               thresholds: thresholdBase, kernel: kernel, onHit: onHit)
                        default:
                            kernel.scan(panels: panels.base, panelRange: runStart..<end, dimension: dimension,
                                        queries: queryBuffer.baseAddress!, queryIDs: ids.baseAddress!,
                                        queryCount: ids.count, thresholds: thresholdBase, onHit: onHit)
                        }
                    }
                }
                var start = 0
                while start < panelTotal {
                    let end = min(panelTotal, start + block)
                    for w in 0..<words {
                        var bits: UInt64 = 0
                        for p in start..<end { bits |= admits[p * words + w] }
                        blockSet[w] = bits
                    }
                    if blockSet != runSet {
                        flush(until: start)
                        swap(&runSet, &blockSet)
                    }
                    start = end
                }
                flush(until: panelTotal)
            }
        }
        return (collectors.map(\.items), admitted, scanned)
    }

    /// Rebuilds the layout if the delta and dead rows call for it (`needsRebuild`),
    /// grouping by reach at time `now`.
    func prepare(now: Int64, config: MatchConfig) {
        guard needsRebuild else { return }
        rebuild(now: now, unlimitedAfter: config.reachTiers.tiers.last?.maxElapsedSeconds ?? -1)
    }

    /// The panels of a laid-out group whose birth-date bounds meet `births`:
    /// bounds never decrease along a group, so two bisections find them.
    func birthPanels(_ group: Range<Int>, _ births: BirthWindow) -> Range<Int> {
        var a = group.lowerBound, z = group.upperBound
        while a < z { let m = (a + z) / 2; if summaries[m].birthMax < births.earliest { a = m + 1 } else { z = m } }
        let first = a
        z = group.upperBound
        while a < z { let m = (a + z) / 2; if summaries[m].birthMin <= births.latest { a = m + 1 } else { z = m } }
        return first..<a
    }
}

import MatchKernels

extension FeatureStore where Attributes == SightingAttributes {
    /// Step 10: a new case against every stored sighting, each at its own time.
    /// One candidate per passing sighting (best face over the case's photos and
    /// the sighting's faces), ordered by sighting id.
    func candidates(forNewCase newCase: CaseFeatures, config: MatchConfig, kernel: MatchKernel) -> [MatchCandidate] {
        let queries = newCase.embeddings.flatMap { $0 }
        var thresholds = [Float](repeating: config.faceThreshold, count: newCase.embeddings.count)
        var bestFace: [Int: Float] = [:]  // sighting slot → best face
        let rowLimit = panels.count
        queries.withUnsafeBufferPointer { queryBuffer in
            thresholds.withUnsafeMutableBufferPointer { thresholdBuffer in
                kernel.scan(panels: panels.base, panelRange: 0..<panels.panelCount, dimension: config.dimension,
                            queries: queryBuffer.baseAddress!, queryCount: newCase.embeddings.count,
                            thresholds: thresholdBuffer.baseAddress!) { _, row, face in
                    guard row < rowLimit else { return }
                    let slot = Int(itemOfRow[row])
                    if let old = bestFace[slot], old >= face { return }
                    bestFace[slot] = face
                }
            }
        }
        let gates = Gates(config: config)
        let caseAttributes = newCase.attributes
        var out: [MatchCandidate] = []
        for (slot, face) in bestFace {
            guard let elapsed = gates.pass(attributes[slot], caseAttributes) else { continue }
            out.append(gates.candidate(caseID: newCase.id, sightingID: ids[slot], face: face, elapsed: elapsed,
                                       sightingMarks: attributes[slot].marks, caseMarks: caseAttributes.marks))
        }
        return out.sorted { $0.sightingID < $1.sightingID }
    }
}

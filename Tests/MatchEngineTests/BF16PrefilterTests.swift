import MatchKernels
import Testing
@testable import MatchEngine

/// The bf16 prefilter: every SIMD build against its scalar twin bit for bit,
/// its error bound on the worst rows for it, and its hits against the fp32
/// kernel's (the re-score must give exactly those, bit for bit).
@Suite struct BF16PrefilterTests {
    struct Hit: Hashable { var query: Int; var row: Int; var score: UInt32 }

    static func panels(_ rows: [[Float]], dimension: Int) -> EmbeddingPanels {
        let panels = EmbeddingPanels(dimension: dimension, keepsBF16: true)
        for r in rows { _ = panels.append(r) }
        return panels
    }

    static func masks(_ kernel: MatchKernel, panels: EmbeddingPanels, queries: [Float], queryIDs: [Int32],
                      thresholds: [Float], margin: Float) -> [UInt16] {
        var out = [UInt16](repeating: 0xDEAD, count: panels.panelCount * queryIDs.count)
        kernel.prefilter(rows: panels.bf16, panelRange: 0..<panels.panelCount, dimension: panels.dimension,
                         queries: queries, queryIDs: queryIDs, queryCount: queryIDs.count,
                         thresholds: thresholds, margin: margin, masks: &out)
        return out
    }

    @Test(arguments: [(1, 1, 1), (3, 15, 2), (17, 16, 4), (31, 17, 5), (128, 63, 1), (128, 65, 9), (129, 100, 7), (512, 70, 4), (300, 130, 3)])
    func simdBuildsEqualTheScalarTwin(dimension: Int, rows: Int, queryCount: Int) {
        var rng = SeededRNG(seed: UInt64(dimension * 7_000 + rows * 10 + queryCount))
        let panels = Self.panels((0..<rows).map { _ in Workload.unitVector(dimension, &rng) }, dimension: dimension)
        let queries = (0..<queryCount).flatMap { _ in Workload.unitVector(dimension, &rng) }
        let thresholds = (0..<queryCount).map { q in [0, -2, 0.05, 0.2, 2][q % 5] as Float }
        // Scanned in a shuffled order, as the gate-aware caller does.
        let ids = (0..<Int32(queryCount)).shuffled(using: &rng)
        let reference = Self.masks(.scalar, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds, margin: 0.01)
        if rows >= 16 { #expect(reference.contains { $0 != 0 } && reference.contains { $0 != 0xFFFF }) }
        for kernel in Workload.testedKernels where kernel != .scalar {
            let got = Self.masks(kernel, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds, margin: 0.01)
            #expect(got == reference, "kernel \(kernel) dimension \(dimension) rows \(rows) queries \(queryCount)")
        }
    }

    /// Unit vectors whose every value sits just below a bf16 rounding midpoint
    /// (mantissa 1 + 2⁻⁸ − 2⁻²³, rounded down to 1): rounding loses 2⁻⁸ of each
    /// value, all in the same direction, the worst case the bound allows for.
    static func worstRow(dimension: Int, _ rng: inout SeededRNG) -> [Float] {
        let m = Float(1 + 0x1p-8 - 0x1p-23)
        // 3 × ¼ + 3 × ¹⁄₁₆ + 3 × ¹⁄₆₄ + 2 × ¹⁄₂₅₆ of the squared norm: 0.99219 m² ≈ 0.99996.
        let magnitudes: [Float] = [0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625, 0.0625]
        var row = [Float](repeating: 0, count: dimension)
        for (slot, magnitude) in zip((0..<dimension).shuffled(using: &rng), magnitudes) {
            row[slot] = (Bool.random(using: &rng) ? 1 : -1) * magnitude * m
        }
        return row
    }

    @Test(arguments: [16, 128, 512])
    func errorStaysWithinTheBoundOnTheWorstRows(dimension: Int) throws {
        var rng = SeededRNG(seed: UInt64(dimension))
        let rows = (0..<40).map { _ in Self.worstRow(dimension: dimension, &rng) } + (0..<40).map { _ in Workload.unitVector(dimension, &rng) }
        for r in rows { try EmbeddingNormaliser(dimension: dimension).checkNormalised(r) }
        let panels = Self.panels(rows, dimension: dimension)
        let bound = BF16Prefilter.errorBound(dimension: dimension)
        var worst = 0.0
        for (i, row) in rows.enumerated() {
            // Against itself (every error adds up) and against the next row.
            for query in [row, rows[(i + 1) % rows.count]] {
                let fp32 = query.withUnsafeBufferPointer { q in row.withUnsafeBufferPointer { PanelScanScalar.dot(q, $0) } }
                let bf16 = PanelScanBF16Scalar.score(rows: panels.bf16, row: i, dimension: dimension, query: query)
                let error = abs(Double(bf16) - Double(fp32))
                #expect(error <= bound, "row \(i): |\(bf16) − \(fp32)| > \(bound)")
                worst = max(worst, error)
            }
        }
        // The worst rows come close to the bound: it is not loose by much.
        #expect(worst > 0.95 * bound, "worst error \(worst) of bound \(bound)")
    }

    static func fp32Hits(_ kernel: MatchKernel, panels: EmbeddingPanels, queries: [Float], queryIDs: [Int32],
                         thresholds: [Float]) -> Set<Hit> {
        var out = Set<Hit>()
        var t = thresholds
        kernel.scan(panels: panels.base, panelRange: 0..<panels.panelCount, dimension: panels.dimension,
                    queries: queries, queryIDs: queryIDs, queryCount: queryIDs.count, thresholds: &t) { q, row, score in
            out.insert(Hit(query: q, row: row, score: score.bitPattern))
        }
        return out
    }

    static func prefilterHits(_ kernel: MatchKernel, panels: EmbeddingPanels, queries: [Float], queryIDs: [Int32],
                              thresholds: [Float]) -> Set<Hit> {
        var out = Set<Hit>()
        var t = thresholds
        BF16Prefilter.scan(panels: panels, panelRange: 0..<panels.panelCount, queries: queries, queryIDs: queryIDs,
                           queryCount: queryIDs.count, thresholds: &t, kernel: kernel) { q, row, score in
            out.insert(Hit(query: q, row: row, score: score.bitPattern))
        }
        return out
    }

    /// Thresholds set to rows' exact fp32 scores, on the worst rows for the
    /// prefilter: those rows are hits, and the prefilter must find every one
    /// (its scores are up to 0.0039 lower; without the margin it drops them).
    @Test(arguments: [(128, 1), (128, 3), (128, 8), (24, 5), (512, 4)])
    func reportsExactlyTheFP32KernelsHits(dimension: Int, queryCount: Int) {
        var rng = SeededRNG(seed: UInt64(dimension * 31 + queryCount))
        let rows = (0..<150).map { i in i % 3 == 0 ? Workload.unitVector(dimension, &rng) : Self.worstRow(dimension: dimension, &rng) }
        let panels = Self.panels(rows, dimension: dimension)
        let targets = (0..<queryCount).map { _ in Int.random(in: 0..<rows.count, using: &rng) }
        let queries = targets.flatMap { rows[$0] }
        let thresholds = targets.map { r in rows[r].withUnsafeBufferPointer { PanelScanScalar.dot($0, $0) } }
        let ids = (0..<Int32(queryCount)).map { $0 }
        for kernel in Workload.testedKernels {
            let expected = Self.fp32Hits(kernel, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds)
            for (q, r) in targets.enumerated() {
                #expect(expected.contains { $0.query == q && $0.row == r }, "row \(r) is a hit of query \(q)")
            }
            let got = Self.prefilterHits(kernel, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds)
            #expect(got == expected, "kernel \(kernel) dimension \(dimension) queries \(queryCount)")
        }
    }

    @Test func removedAndMovedRowsKeepTheirBF16CopyInStep() {
        var rng = SeededRNG(seed: 5)
        let dimension = 33
        let rows = (0..<40).map { _ in Workload.unitVector(dimension, &rng) }
        let panels = Self.panels(rows, dimension: dimension)
        var kept = rows
        for victim in [3, 17, 0] {
            if let moved = panels.swapRemove(victim) { kept[victim] = kept[moved] }
            kept.removeLast()
        }
        for (i, row) in kept.enumerated() {
            for d in 0..<dimension {
                let (low, high) = BF16Layout.unpack(panels.bf16[BF16Layout.offset(row: i, pair: d / 2, dimension: dimension)])
                #expect((d % 2 == 0 ? low : high) == BF16Layout.unpack(BF16Layout.pack(row[d], 0)).0, "row \(i) dimension \(d)")
            }
        }
        // Rows past the end are zero again (padding lanes score 0).
        for i in kept.count..<rows.count {
            for k in 0..<panels.pairs { #expect(panels.bf16[BF16Layout.offset(row: i, pair: k, dimension: dimension)] == 0) }
        }
    }

    @Test func roundsToNearestEvenAndFlushesSubnormals() {
        #expect(BF16Layout.bits(1) == 0x3F80)
        #expect(BF16Layout.bits(Float(1 + 0x1p-8)) == 0x3F80)          // tie: to even (down)
        #expect(BF16Layout.bits(Float(1 + 3 * 0x1p-8)) == 0x3F82)      // tie: to even (up)
        #expect(BF16Layout.bits(Float(1 + 0x1p-8 + 0x1p-20)) == 0x3F81) // above the tie: up
        #expect(BF16Layout.bits(-0.5) == 0xBF00)
        #expect(BF16Layout.bits(Float.leastNormalMagnitude / 2) == 0)
        #expect(BF16Layout.bits(-Float.leastNormalMagnitude / 2) == 0x8000)
        #expect(BF16Prefilter.margin(dimension: 128) > Float(BF16Prefilter.errorBound(dimension: 128)))
        #expect(BF16Prefilter.errorBound(dimension: 128) < 0.004)
    }
}

import CMatchInt8
import MatchKernels
import Testing
@testable import MatchEngine

/// The int8 prefilter: the AVX-512 VNNI kernel against its Swift twin mask for
/// mask, its margin on the worst rows for it, and its hits against the fp32
/// kernel's, bit for bit.
@Suite struct Int8PrefilterTests {
    typealias Hit = BF16PrefilterTests.Hit

    static func panels(_ rows: [[Float]], dimension: Int) -> EmbeddingPanels {
        let panels = EmbeddingPanels(dimension: dimension, keepsInt8: true)
        for r in rows { _ = panels.append(r) }
        return panels
    }

    static func masks(native: Bool, panels: EmbeddingPanels, queries: [Float], queryIDs: [Int32], thresholds: [Float]) -> [UInt16] {
        let quantised = Int8Prefilter.Queries(queries, dimension: panels.dimension)
        var out = [UInt16](repeating: 0xDEAD, count: panels.panelCount * queryIDs.count)
        let slack = Int8Prefilter.slack(dimension: panels.dimension)
        Int8Prefilter.withViews(panels, quantised) { rows, qs in
            if native {
                homeward_i8_prefilter(rows, 0, panels.panelCount, panels.quads, qs, queryIDs, queryIDs.count, thresholds, slack, &out)
            } else {
                Int8PrefilterScalar.masks(rows, panelRange: 0..<panels.panelCount, quads: panels.quads, queries: qs,
                                          queryIDs: queryIDs, queryCount: queryIDs.count, thresholds: thresholds, slack: slack, masks: &out)
            }
        }
        return out
    }

    @Test(.enabled(if: ScanPrefilter.int8.isSupported),
          arguments: [(1, 1, 1), (3, 15, 2), (17, 16, 4), (31, 17, 5), (128, 63, 1), (128, 65, 9), (129, 100, 7), (512, 70, 4), (300, 130, 3)])
    func vnniKernelEqualsTheTwin(dimension: Int, rows: Int, queryCount: Int) {
        var rng = SeededRNG(seed: UInt64(dimension * 9_000 + rows * 10 + queryCount))
        let panels = Self.panels((0..<rows).map { _ in Workload.unitVector(dimension, &rng) }, dimension: dimension)
        let queries = (0..<queryCount).flatMap { _ in Workload.unitVector(dimension, &rng) }
        let thresholds = (0..<queryCount).map { q in [0, -2, 0.05, 0.2, 2][q % 5] as Float }
        let ids = (0..<Int32(queryCount)).shuffled(using: &rng)
        let twin = Self.masks(native: false, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds)
        if rows >= 16 { #expect(twin.contains { $0 != 0 } && twin.contains { $0 != 0xFFFF }) }
        #expect(Self.masks(native: true, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds) == twin)
    }

    /// Rows whose values all sit just below a quantisation midpoint ((k + 0.49)
    /// steps; one value at 127 steps sets the step), against themselves: the
    /// rounding errors all point the same way and add up.
    static func worstRow(dimension: Int, _ rng: inout SeededRNG) -> [Float] {
        var raw = (0..<dimension).map { d -> Double in
            let k = d == 0 ? 127.0 : Double(Int.random(in: 90...125, using: &rng)) + 0.49
            return Bool.random(using: &rng) ? k : -k
        }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        raw = raw.map { $0 / norm }
        return raw.map { Float($0) }
    }

    /// Thresholds at rows' exact fp32 scores: the int8 path must report exactly
    /// the fp32 kernel's hits (with the margin 0 it drops them).
    @Test(arguments: [(128, 1), (128, 3), (128, 8), (24, 5), (512, 4), (33, 6)])
    func reportsExactlyTheFP32KernelsHits(dimension: Int, queryCount: Int) {
        var rng = SeededRNG(seed: UInt64(dimension * 37 + queryCount))
        let rows = (0..<150).map { i in i % 3 == 0 ? Workload.unitVector(dimension, &rng) : Self.worstRow(dimension: dimension, &rng) }
        let panels = Self.panels(rows, dimension: dimension)
        let targets = (0..<queryCount).map { _ in Int.random(in: 0..<rows.count, using: &rng) }
        let queries = targets.flatMap { rows[$0] }
        let thresholds = targets.map { r in rows[r].withUnsafeBufferPointer { PanelScanScalar.dot($0, $0) } }
        let ids = (0..<Int32(queryCount)).map { $0 }
        for kernel in Workload.testedKernels where kernel == .scalar || ScanPrefilter.int8.isSupported {
            let expected = BF16PrefilterTests.fp32Hits(kernel, panels: panels, queries: queries, queryIDs: ids, thresholds: thresholds)
            for (q, r) in targets.enumerated() {
                #expect(expected.contains { $0.query == q && $0.row == r }, "row \(r) is a hit of query \(q)")
            }
            var got = Set<Hit>()
            var t = thresholds
            Int8Prefilter.scan(panels: panels, panelRange: 0..<panels.panelCount, queries: queries,
                               quantised: Int8Prefilter.Queries(queries, dimension: dimension), queryIDs: ids,
                               queryCount: ids.count, thresholds: &t, kernel: kernel) { q, row, score in
                got.insert(Hit(query: q, row: row, score: score.bitPattern))
            }
            #expect(got == expected, "kernel \(kernel) dimension \(dimension) queries \(queryCount)")
        }
    }

    /// The quantised dot product stays within the margin's analytic part on
    /// random and worst rows, and comes close to it on the worst.
    @Test(arguments: [16, 128, 512])
    func errorStaysWithinTheMargin(dimension: Int) {
        var rng = SeededRNG(seed: UInt64(dimension) &* 3)
        let rows = (0..<40).map { _ in Self.worstRow(dimension: dimension, &rng) } + (0..<40).map { _ in Workload.unitVector(dimension, &rng) }
        var worstRatio = 0.0
        for (i, r) in rows.enumerated() {
            for q in [r, rows[(i + 1) % rows.count]] {
                let row = Int8Layout.row(r), query = Int8Layout.query(q)
                let rho = Int8Layout.codes(r, step: row.step), kappa = Int8Layout.codes(q, step: query.step)
                let quantised = zip(rho, kappa).reduce(0.0) { $0 + Double($1.0 * $1.1) } * Double(row.step) * Double(query.step)
                let exact = zip(r, q).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                let bound = Double(query.l1) * Double(row.step) / 2 + Double(row.l1) * Double(query.step) / 2
                #expect(abs(quantised - exact) <= bound, "row \(i): \(abs(quantised - exact)) > \(bound)")
                worstRatio = max(worstRatio, abs(quantised - exact) / bound)
            }
        }
        #expect(worstRatio > 0.5, "worst error only \(worstRatio) of the bound")
    }

    @Test func copyFollowsSwapRemoves() {
        var rng = SeededRNG(seed: 6)
        let dimension = 13
        let rows = (0..<40).map { _ in Workload.unitVector(dimension, &rng) }
        let panels = Self.panels(rows, dimension: dimension)
        var kept = rows
        for victim in [3, 17, 0] {
            if let moved = panels.swapRemove(victim) { kept[victim] = kept[moved] }
            kept.removeLast()
        }
        for (i, row) in kept.enumerated() {
            let q = Int8Layout.row(row)
            for k in 0..<panels.quads { #expect(panels.i8[Int8Layout.offset(row: i, quad: k, dimension: dimension)] == q.codes[k]) }
            #expect(panels.i8Bias[i] == q.bias && panels.i8Step[i] == q.step && panels.i8L1[i] == q.l1 && panels.i8HalfStep[i] == q.step / 2)
        }
        for i in kept.count..<rows.count {
            #expect(panels.i8Bias[i] == 0 && panels.i8Step[i] == 0 && panels.i8L1[i] == 0)
            for k in 0..<panels.quads { #expect(panels.i8[Int8Layout.offset(row: i, quad: k, dimension: dimension)] == 0) }
        }
    }
}

import MatchKernels
import Testing
@testable import MatchEngine

/// Every SIMD build of the scan kernel against its scalar twin, bit for bit,
/// over odd dimensions and row counts so every tail path runs.
@Suite struct PanelScanTests {
    struct Hit: Hashable { var query: Int; var row: Int; var score: UInt32 }

    static func hits(_ kernel: MatchKernel, panels: EmbeddingPanels, queries: [Float], queryCount: Int,
                     thresholds: [Float]) -> Set<Hit> {
        var out = Set<Hit>()
        var t = thresholds
        queries.withUnsafeBufferPointer { q in
            t.withUnsafeMutableBufferPointer { tb in
                kernel.scan(panels: panels.base, panelRange: 0..<panels.panelCount, dimension: panels.dimension,
                            queries: q.baseAddress!, queryCount: queryCount, thresholds: tb.baseAddress!) { query, row, score in
                    out.insert(Hit(query: query, row: row, score: score.bitPattern))
                }
            }
        }
        return out
    }

    @Test(arguments: [(1, 1, 1), (3, 15, 2), (17, 16, 4), (31, 17, 5), (128, 63, 1), (128, 65, 9), (129, 100, 7), (512, 70, 4), (300, 130, 9)])
    func simdKernelsEqualScalarTwin(dimension: Int, rows: Int, queryCount: Int) {
        var rng = SeededRNG(seed: UInt64(dimension * 1_000 + rows * 10 + queryCount))
        let panels = EmbeddingPanels(dimension: dimension)
        for _ in 0..<rows { _ = panels.append(Workload.unitVector(dimension, &rng)) }
        let queries = (0..<queryCount).flatMap { _ in Workload.unitVector(dimension, &rng) }
        // Per-query thresholds from "everything" to "almost nothing".
        let thresholds = (0..<queryCount).map { q in [-2, 0, 0.05, 0.2, 2][q % 5] as Float }
        let reference = Self.hits(.scalar, panels: panels, queries: queries, queryCount: queryCount, thresholds: thresholds)
        #expect(!reference.isEmpty)
        for kernel in Workload.testedKernels where kernel != .scalar {
            let got = Self.hits(kernel, panels: panels, queries: queries, queryCount: queryCount, thresholds: thresholds)
            #expect(got == reference, "kernel \(kernel) dimension \(dimension) rows \(rows) queries \(queryCount)")
        }
    }

    @Test func scoresAreTheContractsSequentialFusedDot() {
        var rng = SeededRNG(seed: 77)
        let dimension = 45
        let panels = EmbeddingPanels(dimension: dimension)
        let rows = (0..<21).map { _ in Workload.unitVector(dimension, &rng) }
        for r in rows { _ = panels.append(r) }
        let query = Workload.unitVector(dimension, &rng)
        for kernel in Workload.testedKernels {
            let hits = Self.hits(kernel, panels: panels, queries: query, queryCount: 1, thresholds: [-2])
            for h in hits where h.row < rows.count {
                var dot: Float = 0
                for d in 0..<dimension { dot = dot.addingProduct(query[d], rows[h.row][d]) }
                #expect(h.score == dot.bitPattern, "kernel \(kernel) row \(h.row)")
            }
            #expect(hits.count == panels.panelCount * PanelLayout.width)
        }
    }

    @Test func bestKernelIsSupported() {
        #expect(MatchKernel.best.isSupported)
        #if arch(x86_64)
        #expect(MatchKernel.best != .generic || !MatchKernel.avx2.isSupported)
        #endif
    }
}

import CMatchInt8
import MatchKernels

/// The case scan's int8 prefilter for compute-bound calls (many queries per
/// panel): `vpdpbusd` does 64 multiply-adds per instruction at the rate of a
/// 16-lane FMA on the CPUs it was measured on, against rows and queries
/// quantised to int8 (`Int8Layout`). Panels where some row's int8 score comes
/// within its margin of the query's threshold are re-scored by the fp32 kernel
/// itself, which reports the hits: the results are exact, as with `BF16Prefilter`.
///
/// Why nothing is lost: a row whose fp32 score reaches t has an exact dot
/// product ≥ t − γ(d)·N² (N = 1 + `EmbeddingNormaliser.normTolerance`,
/// γ(n) = n·2⁻²⁴/(1 − n·2⁻²⁴)), the quantised dot product is within
/// ‖q‖₁·step_r/2 + ‖r′‖₁·step_q/2 of that (`Int8Layout`; both L1 norms stored
/// rounded up), and the int8 score (the exact Int32 sum times step_q·step_r,
/// two roundings) within 2⁻²² of the quantised dot product. The kernel keeps
/// lanes with score ≥ t − margin, margin = (‖q‖₁·step_r/2 + ‖r′‖₁·step_q/2)·(1 + 2⁻¹⁸)
/// + slack, slack = γ(d)·N² + 2⁻¹⁸: the factor covers the float rounding of the
/// margin itself, the slack the fp32 score's error, the int8 score's and the
/// rounding of t − margin for |t| ≤ 16. About 0.02–0.03 at 128-d for unit vectors.
public enum Int8Prefilter {
    /// Whether this CPU has the int8 kernel (AVX-512 VNNI).
    public static let isAvailable = homeward_cpu_has_avx512_vnni() != 0

    static let chunkPanels = 32

    /// Kernel calls with at most this many queries use it under
    /// `ScanPrefilter.automatic`: above, the fp32 kernel was as fast or faster
    /// (the margin's epilogue and the re-scores cost what the 4× arithmetic saves;
    /// `bench match --prefilter`).
    public static let maxQueries = 32

    static func slack(dimension: Int) -> Float {
        let n2 = (1 + EmbeddingNormaliser.normTolerance) * (1 + EmbeddingNormaliser.normTolerance)
        let gamma = Double(dimension) * 0x1p-24 / (1 - Double(dimension) * 0x1p-24)
        return Int8Layout.up(gamma * n2 + 0x1p-18)
    }

    /// The quantised queries of one scan, indexed like the fp32 queries.
    struct Queries {
        var codes: [UInt32] = []
        var step: [Float] = []
        var halfStep: [Float] = []
        var l1: [Float] = []

        init(_ queries: [Float], dimension: Int) {
            for start in stride(from: 0, to: queries.count, by: dimension) {
                let q = Int8Layout.query(Array(queries[start..<(start + dimension)]))
                codes.append(contentsOf: q.codes)
                step.append(q.step)
                halfStep.append(q.step / 2)
                l1.append(q.l1)
            }
        }
    }

    /// `PanelScan.scan`'s contract (the same hits through `onHit`) over the
    /// int8 rows of `panels`; `kernel` re-scores (and, when `.scalar`, the
    /// twin `Int8PrefilterScalar` prefilters instead of the AVX-512 VNNI kernel).
    static func scan(
        panels: EmbeddingPanels, panelRange: Range<Int>, queries: UnsafePointer<Float>, quantised: Queries,
        queryIDs: UnsafePointer<Int32>, queryCount: Int,
        thresholds: UnsafeMutablePointer<Float>, kernel: MatchKernel,
        onHit: (_ query: Int, _ row: Int, _ score: Float) -> Void
    ) {
        precondition(panels.keepsInt8, "Int8Prefilter: the panels have no int8 copy")
        precondition(kernel == .scalar || isAvailable, "Int8Prefilter: this CPU has no AVX-512 VNNI")
        guard queryCount > 0, !panelRange.isEmpty else { return }
        let dimension = panels.dimension
        let slack = slack(dimension: dimension)
        let masks = UnsafeMutablePointer<UInt16>.allocate(capacity: chunkPanels * queryCount)
        defer { masks.deallocate() }
        withViews(panels, quantised) { rows, qs in
            var start = panelRange.lowerBound
            while start < panelRange.upperBound {
                let end = min(panelRange.upperBound, start + chunkPanels)
                if kernel == .scalar {
                    Int8PrefilterScalar.masks(rows, panelRange: start..<end, quads: panels.quads, queries: qs, queryIDs: queryIDs,
                                              queryCount: queryCount, thresholds: thresholds, slack: slack, masks: masks)
                } else {
                    homeward_i8_prefilter(rows, start, end, panels.quads, qs, queryIDs, queryCount, thresholds, slack, masks)
                }
                for p in start..<end {
                    for i in 0..<queryCount where masks[(p - start) * queryCount + i] != 0 {
                        kernel.scan(panels: panels.base, panelRange: p..<(p + 1), dimension: dimension,
                                    queries: queries, queryIDs: queryIDs + i, queryCount: 1, thresholds: thresholds, onHit: onHit)
                    }
                }
                start = end
            }
        }
    }

    /// The C kernel's views of the int8 rows of `panels` and of `quantised`, valid inside `body`.
    static func withViews<R>(_ panels: EmbeddingPanels, _ quantised: Queries,
                             _ body: (homeward_i8_panels, homeward_i8_queries) -> R) -> R {
        quantised.codes.withUnsafeBufferPointer { codes in
            quantised.step.withUnsafeBufferPointer { step in
                quantised.halfStep.withUnsafeBufferPointer { halfStep in
                    quantised.l1.withUnsafeBufferPointer { l1 in
                        body(homeward_i8_panels(rows: panels.i8, bias: panels.i8Bias, step: panels.i8Step,
                                                halfStep: panels.i8HalfStep, l1: panels.i8L1),
                             homeward_i8_queries(codes: codes.baseAddress, step: step.baseAddress,
                                                 halfStep: halfStep.baseAddress, l1: l1.baseAddress))
                    }
                }
            }
        }
    }
}

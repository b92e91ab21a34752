import MatchKernels

/// The case scan's bf16 prefilter: scores every row against its bf16 copy
/// first (`PanelScanBF16`: half the bytes of fp32, the same multiply-adds),
/// then re-scores with the fp32 kernel itself only the panels where some row
/// came within `margin` of its query's threshold. The hits it reports are the
/// fp32 kernel's, bit for bit, so the results are exact.
///
/// Why no row is lost: stored and query vectors have norm at most
/// N = 1 + `EmbeddingNormaliser.normTolerance` (intake checks it). Rounding a
/// row's values to bf16 (relative error u = 2⁻⁸) moves its exact dot product
/// with a query by at most u·Σ|q_d r_d| ≤ u·N² (Cauchy–Schwarz). Each score
/// is a chain of d fused multiply-adds, within γ(d)·Σ|q_d r_d| of its exact
/// value, γ(n) = n·2⁻²⁴/(1 − n·2⁻²⁴): γ(d)·N²(1 + u) for the prefilter, γ(d)·N²
/// for the contract's fp32 score. Values flushed to zero (bf16 subnormals) move
/// the sum by less than d·N·2⁻¹²⁶ < 2⁻⁶⁰. So a row whose fp32 score reaches a
/// threshold t has a prefilter score ≥ t − ε (`errorBound`; 0.00392 at 128-d),
/// and the kernel keeps it: it compares with t − margin, margin = ε + 2⁻¹⁹,
/// which also covers the rounding of that subtraction for |t| ≤ 16 (`applies`).
///
/// The queries stay in fp32 (only the rows are rounded), which halves ε
/// against rounding both; `vdpbf16ps`, which needs both in bf16, was measured
/// slower than fp32 FMAs on the Zen 4 this was tuned on (docs/matching-engine.md).
public enum BF16Prefilter {
    /// Kernel calls with at most this many queries use it under
    /// `ScanPrefilter.automatic`: beyond it the scan is compute bound and the
    /// widening costs more than the halved reads save (`bench match --prefilter`).
    public static let maxQueries = 4

    /// Panels per prefilter call: thresholds raised while re-scoring one chunk
    /// apply to the next.
    static let chunkPanels = 32

    /// Bound on |prefilter score − fp32 score| (see the type's comment).
    static func errorBound(dimension: Int) -> Double {
        let n2 = (1 + EmbeddingNormaliser.normTolerance) * (1 + EmbeddingNormaliser.normTolerance)
        let u = 0x1p-8
        let gamma = Double(dimension) * 0x1p-24 / (1 - Double(dimension) * 0x1p-24)
        return u * n2 + gamma * n2 * (1 + u) + gamma * n2 + 0x1p-60
    }

    /// What the kernel subtracts from a threshold (rounded up).
    static func margin(dimension: Int) -> Float {
        let m = errorBound(dimension: dimension) + 0x1p-19
        let f = Float(m)
        return Double(f) < m ? f.nextUp : f
    }

    /// Thresholds start at the face threshold and never exceed a face score
    /// (|score| ≤ N²), so `margin` holds when the face threshold is within ±16.
    static func applies(faceThreshold: Float) -> Bool { abs(faceThreshold) <= 16 }

    /// `PanelScan.scan`'s contract (the same hits through `onHit`) over the
    /// bf16 rows of `panels`, with `kernel`'s build of both kernels.
    static func scan(
        panels: EmbeddingPanels, panelRange: Range<Int>, queries: UnsafePointer<Float>,
        queryIDs: UnsafePointer<Int32>, queryCount: Int,
        thresholds: UnsafeMutablePointer<Float>, kernel: MatchKernel,
        onHit: (_ query: Int, _ row: Int, _ score: Float) -> Void
    ) {
        precondition(panels.keepsBF16, "BF16Prefilter: the panels have no bf16 copy")
        guard queryCount > 0, !panelRange.isEmpty else { return }
        let dimension = panels.dimension
        let margin = margin(dimension: dimension)
        let masks = UnsafeMutablePointer<UInt16>.allocate(capacity: chunkPanels * queryCount)
        defer { masks.deallocate() }
        var start = panelRange.lowerBound
        while start < panelRange.upperBound {
            let end = min(panelRange.upperBound, start + chunkPanels)
            kernel.prefilter(rows: panels.bf16, panelRange: start..<end, dimension: dimension, queries: queries,
                             queryIDs: queryIDs, queryCount: queryCount, thresholds: thresholds, margin: margin, masks: masks)
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

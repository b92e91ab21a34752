/// `PanelScan` compiled with `-target-cpu skylake-avx512` (see Package.swift). Call only
/// when the CPU check in MatchEngine says this instruction set is available.
public enum AVX512PanelScan {
    @inline(never)
    public static func scan(
        panels: UnsafePointer<Float>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>? = nil, queryCount: Int,
        thresholds: UnsafeMutablePointer<Float>,
        onHit: (_ query: Int, _ row: Int, _ score: Float) -> Void
    ) {
        // This module compiles its own copy of PanelScan (a symlink to MatchKernels's file)
        // with its -target-cpu, so no code here depends on cross-module inlining.
        PanelScan.scan(panels: panels, panelRange: panelRange, dimension: dimension,
                       queries: queries, queryIDs: queryIDs, queryCount: queryCount, thresholds: thresholds, onHit: onHit)
    }

    /// `PanelScanBF16.prefilter` in this instruction set.
    @inline(never)
    public static func prefilter(
        rows: UnsafePointer<UInt32>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>, queryCount: Int,
        thresholds: UnsafePointer<Float>, margin: Float, masks: UnsafeMutablePointer<UInt16>
    ) {
        PanelScanBF16.prefilter(rows: rows, panelRange: panelRange, dimension: dimension, queries: queries,
                                queryIDs: queryIDs, queryCount: queryCount, thresholds: thresholds, margin: margin, masks: masks)
    }

    /// `PeakProbe.fma` in this instruction set.
    @inline(never)
    public static func fmaProbe(iterations: Int, seed: Float) -> Float { PeakProbe.fma(iterations: iterations, seed: seed) }

    /// `PeakProbe.read` in this instruction set.
    @inline(never)
    public static func readProbe(_ p: UnsafePointer<Float>, count: Int) -> Float { PeakProbe.read(p, count: count) }
}

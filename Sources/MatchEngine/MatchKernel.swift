import CMatchCPU
import MatchKernels
import enum MatchKernelsAVX2.AVX2PanelScan
import enum MatchKernelsAVX512.AVX512PanelScan

/// Which build of the scan kernel runs. `best` is chosen once by a CPU check so
/// one binary runs everywhere: AVX-512 or AVX2 where present, else the baseline
/// build (SSE2 on x86-64, NEON on arm64).
public enum MatchKernel: String, Sendable, CaseIterable, CustomStringConvertible {
    case avx512
    case avx2
    case generic
    /// The plain-loop twin (tests and the benchmark's reference).
    case scalar

    public static let best: MatchKernel = {
        if homeward_cpu_has_avx512() != 0 { return .avx512 }
        if homeward_cpu_has_avx2_fma() != 0 { return .avx2 }
        return .generic
    }()

    public var isSupported: Bool {
        switch self {
        case .avx512: homeward_cpu_has_avx512() != 0
        case .avx2: homeward_cpu_has_avx2_fma() != 0
        case .generic, .scalar: true
        }
    }

    public var description: String { rawValue }

    /// See `PanelScan.scan`.
    public func scan(
        panels: UnsafePointer<Float>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>? = nil, queryCount: Int,
        thresholds: UnsafeMutablePointer<Float>,
        onHit: (_ query: Int, _ row: Int, _ score: Float) -> Void
    ) {
        precondition(isSupported, "MatchKernel.\(rawValue) is not supported by this CPU")
        switch self {
        case .avx512:
            AVX512PanelScan.scan(panels: panels, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                                 queryCount: queryCount, thresholds: thresholds, onHit: onHit)
        case .avx2:
            AVX2PanelScan.scan(panels: panels, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                               queryCount: queryCount, thresholds: thresholds, onHit: onHit)
        case .generic:
            PanelScan.scan(panels: panels, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                           queryCount: queryCount, thresholds: thresholds, onHit: onHit)
        case .scalar:
            PanelScanScalar.scan(panels: panels, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                                 queryCount: queryCount, thresholds: thresholds, onHit: onHit)
        }
    }

    /// See `PanelScanBF16.prefilter`.
    func prefilter(
        rows: UnsafePointer<UInt32>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>, queryCount: Int,
        thresholds: UnsafePointer<Float>, margin: Float, masks: UnsafeMutablePointer<UInt16>
    ) {
        switch self {
        case .avx512:
            AVX512PanelScan.prefilter(rows: rows, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                                      queryCount: queryCount, thresholds: thresholds, margin: margin, masks: masks)
        case .avx2:
            AVX2PanelScan.prefilter(rows: rows, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                                    queryCount: queryCount, thresholds: thresholds, margin: margin, masks: masks)
        case .generic:
            PanelScanBF16.prefilter(rows: rows, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                                    queryCount: queryCount, thresholds: thresholds, margin: margin, masks: masks)
        case .scalar:
            PanelScanBF16Scalar.prefilter(rows: rows, panelRange: panelRange, dimension: dimension, queries: queries, queryIDs: queryIDs,
                                          queryCount: queryCount, thresholds: thresholds, margin: margin, masks: masks)
        }
    }
}

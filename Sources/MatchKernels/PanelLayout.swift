/// Where embedding rows live in memory for the scan kernels.
///
/// Rows are grouped in *panels* of 16 (one SIMD16<Float> lane per row); inside a
/// panel the floats are dimension-major: for each dimension `d`, the 16 rows'
/// values are contiguous (64 bytes, one cache line). A kernel therefore loads one
/// vector per dimension and broadcasts the query's scalar, so each lane
/// accumulates one row's dot product in dimension order and no horizontal sum is
/// ever needed. That order (one fused multiply-add per dimension, d = 0, 1, …,
/// starting from 0) is the contract's definition of the face score, so every
/// kernel, SIMD or scalar, returns bit-identical scores.
public enum PanelLayout {
    /// Rows per panel: one 512-bit vector of Float.
    public static let width = 16

    /// Floats in one panel.
    @inlinable
    public static func panelFloats(dimension: Int) -> Int { dimension &* width }

    /// Index of the float for (`row`, `dim`) from the start of the panel storage.
    @inlinable
    public static func offset(row: Int, dim: Int, dimension: Int) -> Int {
        (row / width) &* dimension &* width &+ dim &* width &+ (row % width)
    }
}

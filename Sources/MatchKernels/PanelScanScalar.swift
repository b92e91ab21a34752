/// Plain-loop twin of `PanelScan`: same inputs, same hits (given thresholds that
/// `onHit` does not change), one row and one dimension at a time. Tests compare
/// every SIMD build of `PanelScan` with it bit for bit.
public enum PanelScanScalar {
    public static func scan(
        panels: UnsafePointer<Float>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>? = nil, queryCount: Int,
        thresholds: UnsafeMutablePointer<Float>,
        onHit: (_ query: Int, _ row: Int, _ score: Float) -> Void
    ) {
        for panel in panelRange {
            for i in 0..<queryCount {
                let query = queryIDs.map { Int($0[i]) } ?? i
                for lane in 0..<PanelLayout.width {
                    let row = panel * PanelLayout.width + lane
                    var score: Float = 0
                    for d in 0..<dimension {
                        let value = panels[PanelLayout.offset(row: row, dim: d, dimension: dimension)]
                        score = score.addingProduct(queries[query * dimension + d], value)
                    }
                    if score >= thresholds[query] { onHit(query, row, score) }
                }
            }
        }
    }

    /// The contract's face score of two vectors: fused multiply-add in dimension
    /// order from 0 (`PanelLayout` explains why this order).
    @inlinable
    public static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        precondition(a.count == b.count, "dot: vectors of different lengths")
        var score: Float = 0
        for d in 0..<a.count { score = score.addingProduct(a[d], b[d]) }
        return score
    }
}

/// Plain-loop twin of `PanelScanBF16.prefilter`: the same masks, one row and
/// one dimension at a time. Tests compare every SIMD build with it bit for bit.
public enum PanelScanBF16Scalar {
    public static func prefilter(
        rows: UnsafePointer<UInt32>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>, queryCount: Int,
        thresholds: UnsafePointer<Float>, margin: Float, masks: UnsafeMutablePointer<UInt16>
    ) {
        for panel in panelRange {
            for i in 0..<queryCount {
                let query = Int(queryIDs[i])
                var mask: UInt16 = 0
                for lane in 0..<PanelLayout.width {
                    let s = score(rows: rows, row: panel * PanelLayout.width + lane, dimension: dimension,
                                  query: queries + query * dimension)
                    if s >= thresholds[query] - margin { mask |= 1 << UInt16(lane) }
                }
                masks[(panel - panelRange.lowerBound) * queryCount + i] = mask
            }
        }
    }

    /// The prefilter score of one row: fused multiply-adds in dimension order from 0.
    public static func score(rows: UnsafePointer<UInt32>, row: Int, dimension: Int, query: UnsafePointer<Float>) -> Float {
        var s: Float = 0
        for d in 0..<dimension {
            let (low, high) = BF16Layout.unpack(rows[BF16Layout.offset(row: row, pair: d / 2, dimension: dimension)])
            s = s.addingProduct(query[d], d % 2 == 0 ? low : high)
        }
        return s
    }
}

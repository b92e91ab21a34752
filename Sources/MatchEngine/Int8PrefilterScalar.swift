import CMatchInt8

/// Plain-loop twin of `homeward_i8_prefilter`: the same masks, bit for bit
/// (the integer sum is exact; the float epilogue is the same operations in
/// the same order, none fused).
enum Int8PrefilterScalar {
    static func masks(
        _ panels: homeward_i8_panels, panelRange: Range<Int>, quads: Int, queries: homeward_i8_queries,
        queryIDs: UnsafePointer<Int32>, queryCount: Int, thresholds: UnsafePointer<Float>, slack: Float,
        masks: UnsafeMutablePointer<UInt16>
    ) {
        let inflate: Float = 1 + 0x1p-18
        for p in panelRange {
            for i in 0..<queryCount {
                let q = Int(queryIDs[i])
                var mask: UInt16 = 0
                for lane in 0..<16 {
                    let row = p * 16 + lane
                    var acc: Int32 = 0
                    for k in 0..<quads {
                        let r = panels.rows[p * quads * 16 + k * 16 + lane], c = queries.codes[q * quads + k]
                        for j in 0..<4 {
                            let u = Int32(UInt8(truncatingIfNeeded: c >> UInt32(8 * j)))
                            let s = Int32(Int8(truncatingIfNeeded: r >> UInt32(8 * j)))
                            acc &+= u * s
                        }
                    }
                    let dot = Float(acc &- panels.bias[row])
                    let score = dot * (queries.step[q] * panels.step[row])
                    let a = queries.l1[q] * panels.halfStep[row]
                    let b = panels.l1[row] * queries.halfStep[q]
                    let margin = (a + b) * inflate + slack
                    if score >= thresholds[q] - margin { mask |= 1 << UInt16(lane) }
                }
                masks[(p - panelRange.lowerBound) * queryCount + i] = mask
            }
        }
    }
}

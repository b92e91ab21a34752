/// The prefilter kernel: fp32 queries against the bf16 copy of the panel rows
/// (`BF16Layout`), widened to fp32 in registers (a bf16 value is the top half of
/// a Float: a shift or a mask). It reads half the bytes of `PanelScan` for the
/// same fused multiply-adds, so it pays where the scan is memory bound (few
/// queries per panel). Compiled per instruction set like `PanelScan` (symlinked
/// into the ISA targets); `PanelScanBF16Scalar` is its plain twin.
///
/// It reports no hits: for the i-th scanned query and each panel p of the
/// range it writes `masks[(p − start) · queryCount + i]`, the lanes whose score
/// is `>= thresholds[queryIDs[i]] − margin`; the caller re-scores those panels
/// with `PanelScan`.
///
/// Scores are fused multiply-adds in dimension order from 0 (as the contract's
/// fp32 score, but of the rounded rows), so every build equals the twin bit for bit.
public enum PanelScanBF16 {
    @inlinable @inline(__always)
    public static func prefilter(
        rows: UnsafePointer<UInt32>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>, queryCount: Int,
        thresholds: UnsafePointer<Float>, margin: Float, masks: UnsafeMutablePointer<UInt16>
    ) {
        guard dimension > 0, queryCount > 0, !panelRange.isEmpty else { return }
        let start = panelRange.lowerBound
        let groups = queryCount / 4
        var panel = start
        // Panel-outer, query-inner: a block of 4 panels (8 KiB at 128-d) stays in
        // cache while every query block passes over it.
        while panel &+ 4 <= panelRange.upperBound {
            let m = masks + (panel &- start) &* queryCount
            for g in 0..<groups {
                micro4x4(rows: rows, panel: panel, dimension: dimension, queries: queries, queryIDs: queryIDs,
                         query: g &* 4, queryCount: queryCount, thresholds: thresholds, margin: margin, masks: m)
            }
            for i in (groups &* 4)..<queryCount {
                micro1x4(rows: rows, panel: panel, dimension: dimension, queries: queries, queryIDs: queryIDs,
                         query: i, queryCount: queryCount, thresholds: thresholds, margin: margin, masks: m)
            }
            panel &+= 4
        }
        for p in panel..<panelRange.upperBound {
            let m = masks + (p &- start) &* queryCount
            for i in 0..<queryCount {
                m[i] = micro1x1(rows: rows, panel: p, dimension: dimension, queries: queries,
                                query: Int(queryIDs[i]), thresholds: thresholds, margin: margin)
            }
        }
    }

    @inlinable @inline(__always)
    static func panelBase(_ rows: UnsafePointer<UInt32>, _ panel: Int, _ dimension: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(rows + panel &* BF16Layout.panelDwords(dimension: dimension))
    }

    /// Dimensions 2k (low halves) and 2k + 1 (high halves) of 16 rows as Floats.
    @inlinable @inline(__always)
    static func widen(_ w: SIMD16<UInt32>) -> (SIMD16<Float>, SIMD16<Float>) {
        (unsafeBitCast(w &<< 16, to: SIMD16<Float>.self), unsafeBitCast(w & 0xFFFF_0000, to: SIMD16<Float>.self))
    }

    @inlinable @inline(__always)
    static func mask(_ acc: SIMD16<Float>, _ bar: Float) -> UInt16 {
        let hit = acc .>= SIMD16<Float>(repeating: bar)
        guard any(hit) else { return 0 }
        var m: UInt16 = 0
        for lane in 0..<16 where hit[lane] { m |= 1 &<< UInt16(lane) }
        return m
    }

    /// 4 queries × 4 panels: 16 accumulators, 4 loads, 8 widenings and 8
    /// broadcasts per 32 fused multiply-adds (two dimensions).
    @inlinable @inline(__always)
    static func micro4x4(
        rows: UnsafePointer<UInt32>, panel: Int, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>, query: Int, queryCount: Int,
        thresholds: UnsafePointer<Float>, margin: Float, masks: UnsafeMutablePointer<UInt16>
    ) {
        let r0 = panelBase(rows, panel, dimension), r1 = panelBase(rows, panel &+ 1, dimension)
        let r2 = panelBase(rows, panel &+ 2, dimension), r3 = panelBase(rows, panel &+ 3, dimension)
        let id0 = Int(queryIDs[query]), id1 = Int(queryIDs[query &+ 1])
        let id2 = Int(queryIDs[query &+ 2]), id3 = Int(queryIDs[query &+ 3])
        let q0 = queries + id0 &* dimension, q1 = queries + id1 &* dimension
        let q2 = queries + id2 &* dimension, q3 = queries + id3 &* dimension
        var a00 = SIMD16<Float>(), a01 = SIMD16<Float>(), a02 = SIMD16<Float>(), a03 = SIMD16<Float>()
        var a10 = SIMD16<Float>(), a11 = SIMD16<Float>(), a12 = SIMD16<Float>(), a13 = SIMD16<Float>()
        var a20 = SIMD16<Float>(), a21 = SIMD16<Float>(), a22 = SIMD16<Float>(), a23 = SIMD16<Float>()
        var a30 = SIMD16<Float>(), a31 = SIMD16<Float>(), a32 = SIMD16<Float>(), a33 = SIMD16<Float>()
        var offset = 0
        var d = 0
        while d < dimension {
            let (l0, h0) = widen(r0.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            let (l1, h1) = widen(r1.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            let (l2, h2) = widen(r2.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            let (l3, h3) = widen(r3.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            offset &+= 64
            var b0 = SIMD16<Float>(repeating: q0[d]), b1 = SIMD16<Float>(repeating: q1[d])
            var b2 = SIMD16<Float>(repeating: q2[d]), b3 = SIMD16<Float>(repeating: q3[d])
            a00.addProduct(b0, l0); a01.addProduct(b0, l1); a02.addProduct(b0, l2); a03.addProduct(b0, l3)
            a10.addProduct(b1, l0); a11.addProduct(b1, l1); a12.addProduct(b1, l2); a13.addProduct(b1, l3)
            a20.addProduct(b2, l0); a21.addProduct(b2, l1); a22.addProduct(b2, l2); a23.addProduct(b2, l3)
            a30.addProduct(b3, l0); a31.addProduct(b3, l1); a32.addProduct(b3, l2); a33.addProduct(b3, l3)
            d &+= 1
            guard d < dimension else { break }  // an odd dimension's last pair has no high half
            b0 = SIMD16<Float>(repeating: q0[d]); b1 = SIMD16<Float>(repeating: q1[d])
            b2 = SIMD16<Float>(repeating: q2[d]); b3 = SIMD16<Float>(repeating: q3[d])
            a00.addProduct(b0, h0); a01.addProduct(b0, h1); a02.addProduct(b0, h2); a03.addProduct(b0, h3)
            a10.addProduct(b1, h0); a11.addProduct(b1, h1); a12.addProduct(b1, h2); a13.addProduct(b1, h3)
            a20.addProduct(b2, h0); a21.addProduct(b2, h1); a22.addProduct(b2, h2); a23.addProduct(b2, h3)
            a30.addProduct(b3, h0); a31.addProduct(b3, h1); a32.addProduct(b3, h2); a33.addProduct(b3, h3)
            d &+= 1
        }
        let t0 = thresholds[id0] - margin, t1 = thresholds[id1] - margin
        let t2 = thresholds[id2] - margin, t3 = thresholds[id3] - margin
        let n = queryCount, i = query
        masks[i] = mask(a00, t0); masks[n &+ i] = mask(a01, t0); masks[2 &* n &+ i] = mask(a02, t0); masks[3 &* n &+ i] = mask(a03, t0)
        masks[i &+ 1] = mask(a10, t1); masks[n &+ i &+ 1] = mask(a11, t1)
        masks[2 &* n &+ i &+ 1] = mask(a12, t1); masks[3 &* n &+ i &+ 1] = mask(a13, t1)
        masks[i &+ 2] = mask(a20, t2); masks[n &+ i &+ 2] = mask(a21, t2)
        masks[2 &* n &+ i &+ 2] = mask(a22, t2); masks[3 &* n &+ i &+ 2] = mask(a23, t2)
        masks[i &+ 3] = mask(a30, t3); masks[n &+ i &+ 3] = mask(a31, t3)
        masks[2 &* n &+ i &+ 3] = mask(a32, t3); masks[3 &* n &+ i &+ 3] = mask(a33, t3)
    }

    /// 1 query × 4 panels: four independent chains (one chain alone waits on
    /// the multiply-add latency and cannot keep up with memory).
    @inlinable @inline(__always)
    static func micro1x4(
        rows: UnsafePointer<UInt32>, panel: Int, dimension: Int,
        queries: UnsafePointer<Float>, queryIDs: UnsafePointer<Int32>, query: Int, queryCount: Int,
        thresholds: UnsafePointer<Float>, margin: Float, masks: UnsafeMutablePointer<UInt16>
    ) {
        let r0 = panelBase(rows, panel, dimension), r1 = panelBase(rows, panel &+ 1, dimension)
        let r2 = panelBase(rows, panel &+ 2, dimension), r3 = panelBase(rows, panel &+ 3, dimension)
        let id = Int(queryIDs[query])
        let q0 = queries + id &* dimension
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var offset = 0
        var d = 0
        while d < dimension {
            let (l0, h0) = widen(r0.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            let (l1, h1) = widen(r1.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            let (l2, h2) = widen(r2.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            let (l3, h3) = widen(r3.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            offset &+= 64
            var b = SIMD16<Float>(repeating: q0[d])
            a0.addProduct(b, l0); a1.addProduct(b, l1); a2.addProduct(b, l2); a3.addProduct(b, l3)
            d &+= 1
            guard d < dimension else { break }
            b = SIMD16<Float>(repeating: q0[d])
            a0.addProduct(b, h0); a1.addProduct(b, h1); a2.addProduct(b, h2); a3.addProduct(b, h3)
            d &+= 1
        }
        let t = thresholds[id] - margin
        masks[query] = mask(a0, t); masks[queryCount &+ query] = mask(a1, t)
        masks[2 &* queryCount &+ query] = mask(a2, t); masks[3 &* queryCount &+ query] = mask(a3, t)
    }

    /// 1 query × 1 panel (tails), reading the panel strictly in order.
    @inlinable @inline(__always)
    static func micro1x1(
        rows: UnsafePointer<UInt32>, panel: Int, dimension: Int, queries: UnsafePointer<Float>, query: Int,
        thresholds: UnsafePointer<Float>, margin: Float
    ) -> UInt16 {
        let r0 = panelBase(rows, panel, dimension)
        let q0 = queries + query &* dimension
        var a0 = SIMD16<Float>()
        var offset = 0
        var d = 0
        while d < dimension {
            let (l, h) = widen(r0.load(fromByteOffset: offset, as: SIMD16<UInt32>.self))
            offset &+= 64
            a0.addProduct(SIMD16<Float>(repeating: q0[d]), l)
            d &+= 1
            guard d < dimension else { break }
            a0.addProduct(SIMD16<Float>(repeating: q0[d]), h)
            d &+= 1
        }
        return mask(a0, thresholds[query] - margin)
    }
}

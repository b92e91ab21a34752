/// The SIMD scan kernel: dot products of queries against panel rows, with the
/// threshold test fused in so that scores are never written to memory.
///
/// This file is compiled three times: here (baseline), and through symlinks in
/// MatchKernelsAVX512 and MatchKernelsAVX2, each with its own `-target-cpu`, so
/// this one source becomes an AVX-512, an AVX2 and a baseline kernel. `PanelScanScalar` is its plain twin.
///
/// A *hit* is a (query, row) whose score is `>= thresholds[query]`; `onHit` may
/// raise `thresholds` (a top-k collector keeps them at its current k-th best),
/// and the kernel re-reads the threshold before every lane it reports.
public enum PanelScan {
    /// Queries per register block of the batched micro-kernel.
    public static let queryBlock = 4
    /// Panels (16 rows each) per register block: 4 × 4 accumulators of 16 lanes.
    public static let panelBlock = 4

    /// Scans panels `panelRange` of `panels` against `queryCount` queries
    /// (row-major, `dimension` floats each), reporting hits through `onHit(query, row, score)`.
    @inlinable @inline(__always)
    public static func scan(
        panels: UnsafePointer<Float>, panelRange: Range<Int>, dimension: Int,
        queries: UnsafePointer<Float>, queryCount: Int,
        thresholds: UnsafeMutablePointer<Float>,
        onHit: (_ query: Int, _ row: Int, _ score: Float) -> Void
    ) {
        guard dimension > 0, queryCount > 0 else { return }
        var panel = panelRange.lowerBound
        // Panel-outer, query-inner: a block of 4 panels (32 KiB at 128-d) stays in
        // L1/L2 while every query block passes over it; the queries stay in L2.
        while panel < panelRange.upperBound {
            let panels4 = panelRange.upperBound - panel >= panelBlock
            var query = 0
            while query < queryCount {
                let queries4 = queryCount - query >= queryBlock
                if panels4 && queries4 {
                    micro4x4(panels: panels, panel: panel, dimension: dimension, queries: queries,
                             query: query, thresholds: thresholds, onHit: onHit)
                    query &+= queryBlock
                } else if panels4 {
                    micro1x4(panels: panels, panel: panel, dimension: dimension, queries: queries,
                             query: query, thresholds: thresholds, onHit: onHit)
                    query &+= 1
                } else {
                    for p in panel..<panelRange.upperBound {
                        micro1x1(panels: panels, panel: p, dimension: dimension, queries: queries,
                                 query: query, thresholds: thresholds, onHit: onHit)
                    }
                    query &+= 1
                }
            }
            panel &+= panels4 ? panelBlock : panelRange.upperBound - panel
        }
    }

    @inlinable @inline(__always)
    static func panelBase(_ panels: UnsafePointer<Float>, _ panel: Int, _ dimension: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(panels + panel &* dimension &* PanelLayout.width)
    }

    @inlinable @inline(__always)
    static func report(
        _ acc: SIMD16<Float>, query: Int, firstRow: Int,
        thresholds: UnsafeMutablePointer<Float>, onHit: (Int, Int, Float) -> Void
    ) {
        // One compare and mask test per 16 rows; almost always false once the
        // threshold has risen to the k-th best.
        guard any(acc .>= SIMD16<Float>(repeating: thresholds[query])) else { return }
        for lane in 0..<PanelLayout.width where acc[lane] >= thresholds[query] {
            onHit(query, firstRow &+ lane, acc[lane])
        }
    }

    /// 4 queries × 4 panels (64 rows): 16 accumulators, 4 loads and 4 broadcasts
    /// per 16 fused multiply-adds.
    @inlinable @inline(__always)
    static func micro4x4(
        panels: UnsafePointer<Float>, panel: Int, dimension: Int,
        queries: UnsafePointer<Float>, query: Int,
        thresholds: UnsafeMutablePointer<Float>, onHit: (Int, Int, Float) -> Void
    ) {
        let r0 = panelBase(panels, panel, dimension), r1 = panelBase(panels, panel &+ 1, dimension)
        let r2 = panelBase(panels, panel &+ 2, dimension), r3 = panelBase(panels, panel &+ 3, dimension)
        let q0 = queries + query &* dimension, q1 = q0 + dimension, q2 = q1 + dimension, q3 = q2 + dimension
        var a00 = SIMD16<Float>(), a01 = SIMD16<Float>(), a02 = SIMD16<Float>(), a03 = SIMD16<Float>()
        var a10 = SIMD16<Float>(), a11 = SIMD16<Float>(), a12 = SIMD16<Float>(), a13 = SIMD16<Float>()
        var a20 = SIMD16<Float>(), a21 = SIMD16<Float>(), a22 = SIMD16<Float>(), a23 = SIMD16<Float>()
        var a30 = SIMD16<Float>(), a31 = SIMD16<Float>(), a32 = SIMD16<Float>(), a33 = SIMD16<Float>()
        var offset = 0
        for d in 0..<dimension {
            let v0 = r0.load(fromByteOffset: offset, as: SIMD16<Float>.self)
            let v1 = r1.load(fromByteOffset: offset, as: SIMD16<Float>.self)
            let v2 = r2.load(fromByteOffset: offset, as: SIMD16<Float>.self)
            let v3 = r3.load(fromByteOffset: offset, as: SIMD16<Float>.self)
            offset &+= 64
            let b0 = SIMD16<Float>(repeating: q0[d])
            a00.addProduct(b0, v0); a01.addProduct(b0, v1); a02.addProduct(b0, v2); a03.addProduct(b0, v3)
            let b1 = SIMD16<Float>(repeating: q1[d])
            a10.addProduct(b1, v0); a11.addProduct(b1, v1); a12.addProduct(b1, v2); a13.addProduct(b1, v3)
            let b2 = SIMD16<Float>(repeating: q2[d])
            a20.addProduct(b2, v0); a21.addProduct(b2, v1); a22.addProduct(b2, v2); a23.addProduct(b2, v3)
            let b3 = SIMD16<Float>(repeating: q3[d])
            a30.addProduct(b3, v0); a31.addProduct(b3, v1); a32.addProduct(b3, v2); a33.addProduct(b3, v3)
        }
        let row = panel &* PanelLayout.width
        report(a00, query: query, firstRow: row, thresholds: thresholds, onHit: onHit)
        report(a01, query: query, firstRow: row &+ 16, thresholds: thresholds, onHit: onHit)
        report(a02, query: query, firstRow: row &+ 32, thresholds: thresholds, onHit: onHit)
        report(a03, query: query, firstRow: row &+ 48, thresholds: thresholds, onHit: onHit)
        report(a10, query: query &+ 1, firstRow: row, thresholds: thresholds, onHit: onHit)
        report(a11, query: query &+ 1, firstRow: row &+ 16, thresholds: thresholds, onHit: onHit)
        report(a12, query: query &+ 1, firstRow: row &+ 32, thresholds: thresholds, onHit: onHit)
        report(a13, query: query &+ 1, firstRow: row &+ 48, thresholds: thresholds, onHit: onHit)
        report(a20, query: query &+ 2, firstRow: row, thresholds: thresholds, onHit: onHit)
        report(a21, query: query &+ 2, firstRow: row &+ 16, thresholds: thresholds, onHit: onHit)
        report(a22, query: query &+ 2, firstRow: row &+ 32, thresholds: thresholds, onHit: onHit)
        report(a23, query: query &+ 2, firstRow: row &+ 48, thresholds: thresholds, onHit: onHit)
        report(a30, query: query &+ 3, firstRow: row, thresholds: thresholds, onHit: onHit)
        report(a31, query: query &+ 3, firstRow: row &+ 16, thresholds: thresholds, onHit: onHit)
        report(a32, query: query &+ 3, firstRow: row &+ 32, thresholds: thresholds, onHit: onHit)
        report(a33, query: query &+ 3, firstRow: row &+ 48, thresholds: thresholds, onHit: onHit)
    }

    /// 1 query × 4 panels: the single-query scan, bound by memory bandwidth; four
    /// independent accumulators keep four streams of loads in flight.
    @inlinable @inline(__always)
    static func micro1x4(
        panels: UnsafePointer<Float>, panel: Int, dimension: Int,
        queries: UnsafePointer<Float>, query: Int,
        thresholds: UnsafeMutablePointer<Float>, onHit: (Int, Int, Float) -> Void
    ) {
        let r0 = panelBase(panels, panel, dimension), r1 = panelBase(panels, panel &+ 1, dimension)
        let r2 = panelBase(panels, panel &+ 2, dimension), r3 = panelBase(panels, panel &+ 3, dimension)
        let q0 = queries + query &* dimension
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var offset = 0
        for d in 0..<dimension {
            let b = SIMD16<Float>(repeating: q0[d])
            a0.addProduct(b, r0.load(fromByteOffset: offset, as: SIMD16<Float>.self))
            a1.addProduct(b, r1.load(fromByteOffset: offset, as: SIMD16<Float>.self))
            a2.addProduct(b, r2.load(fromByteOffset: offset, as: SIMD16<Float>.self))
            a3.addProduct(b, r3.load(fromByteOffset: offset, as: SIMD16<Float>.self))
            offset &+= 64
        }
        let row = panel &* PanelLayout.width
        report(a0, query: query, firstRow: row, thresholds: thresholds, onHit: onHit)
        report(a1, query: query, firstRow: row &+ 16, thresholds: thresholds, onHit: onHit)
        report(a2, query: query, firstRow: row &+ 32, thresholds: thresholds, onHit: onHit)
        report(a3, query: query, firstRow: row &+ 48, thresholds: thresholds, onHit: onHit)
    }

    /// 1 query × 1 panel: the tail when fewer than 4 panels remain.
    @inlinable @inline(__always)
    static func micro1x1(
        panels: UnsafePointer<Float>, panel: Int, dimension: Int,
        queries: UnsafePointer<Float>, query: Int,
        thresholds: UnsafeMutablePointer<Float>, onHit: (Int, Int, Float) -> Void
    ) {
        let r0 = panelBase(panels, panel, dimension)
        let q0 = queries + query &* dimension
        var a0 = SIMD16<Float>()
        var offset = 0
        for d in 0..<dimension {
            a0.addProduct(SIMD16<Float>(repeating: q0[d]), r0.load(fromByteOffset: offset, as: SIMD16<Float>.self))
            offset &+= 64
        }
        report(a0, query: query, firstRow: panel &* PanelLayout.width, thresholds: thresholds, onHit: onHit)
    }
}

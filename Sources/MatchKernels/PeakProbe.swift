/// Loops that measure the machine's peaks per core for `homeward bench match`
/// (issue 16: the "peaks" line is measured, not a constant). Compiled per
/// instruction set like `PanelScan` (symlinked into the ISA targets).
public enum PeakProbe {
    /// Fused multiply-adds on 12 independent 16-lane chains (enough to cover
    /// the FMA latency on every x86 core): 384 flops per iteration. Returns a
    /// value that depends on every chain, so nothing is optimised away.
    @inlinable @inline(__always)
    public static func fma(iterations: Int, seed: Float) -> Float {
        let m = SIMD16<Float>(repeating: 0.999_999), c = SIMD16<Float>(repeating: 1e-7)
        var a0 = SIMD16<Float>(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3
        var a4 = a0 + 4, a5 = a0 + 5, a6 = a0 + 6, a7 = a0 + 7
        var a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11
        for _ in 0..<iterations {
            a0 = c.addingProduct(a0, m); a1 = c.addingProduct(a1, m); a2 = c.addingProduct(a2, m)
            a3 = c.addingProduct(a3, m); a4 = c.addingProduct(a4, m); a5 = c.addingProduct(a5, m)
            a6 = c.addingProduct(a6, m); a7 = c.addingProduct(a7, m); a8 = c.addingProduct(a8, m)
            a9 = c.addingProduct(a9, m); a10 = c.addingProduct(a10, m); a11 = c.addingProduct(a11, m)
        }
        let s = (a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11)
        return s.sum()
    }

    /// Flops per `fma` iteration.
    public static let flopsPerIteration = 12 * 16 * 2

    /// Sums `count` floats (a multiple of 64) with four 16-lane accumulators:
    /// a streaming read, as the single-query scan does.
    @inlinable @inline(__always)
    public static func read(_ p: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
        var offset = 0
        let end = count &* 4
        while offset < end {
            s0 += raw.load(fromByteOffset: offset, as: SIMD16<Float>.self)
            s1 += raw.load(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            s2 += raw.load(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            s3 += raw.load(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            offset &+= 256
        }
        return ((s0 + s1) + (s2 + s3)).sum()
    }
}

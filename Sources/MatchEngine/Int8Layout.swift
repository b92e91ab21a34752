/// The int8 copy of the rows for `Int8Prefilter`, and its quantisation.
///
/// A row r is stored as ρ_d = round(r_d / step_r), step_r = max|r_d| / 127
/// (rounded up, so |ρ_d| ≤ 127), in panels of 16 rows: per quad k of
/// dimensions, 16 dwords (one per row), whose bytes are dimensions 4k … 4k+3
/// (0 past the dimension). A query q becomes κ_d = round(q_d / step_q), stored
/// as unsigned bytes κ_d + 128, because `vpdpbusd` multiplies unsigned bytes by
/// signed ones; the sum then carries 128·Σρ_d, which `bias` takes back out.
/// The dot product of the quantised vectors is exact in Int32 (|Σ| ≤ 255·127·d).
///
/// Error: with r′ = ρ·step_r and q′ = κ·step_q, |r_d − r′_d| ≤ step_r/2 and
/// |q_d − q′_d| ≤ step_q/2, so |q·r − q′·r′| ≤ ‖q‖₁·step_r/2 + ‖r′‖₁·step_q/2
/// (`Int8Prefilter` adds the rounding of the float steps).
enum Int8Layout {
    struct Row {
        var codes: [UInt32]
        var bias: Int32
        var step: Float
        var l1: Float
    }

    struct Query {
        var codes: [UInt32]
        var step: Float
        var l1: Float
    }

    static func quads(dimension: Int) -> Int { (dimension + 3) / 4 }

    /// Index of the dword for (`row`, `quad`) from the start of the storage.
    static func offset(row: Int, quad: Int, dimension: Int) -> Int {
        (row / 16) * quads(dimension: dimension) * 16 + quad * 16 + row % 16
    }

    /// max|v_d| / 127 as a Float no smaller than it (0 for a zero vector).
    static func step(_ v: [Float]) -> Float {
        let m = Double(v.reduce(Float(0)) { max($0, abs($1)) }) / 127
        let f = Float(m)
        return Double(f) < m ? f.nextUp : f
    }

    /// round(v_d / step), in −127…127 (0 when step is 0).
    static func codes(_ v: [Float], step: Float) -> [Int] {
        guard step > 0 else { return [Int](repeating: 0, count: v.count) }
        return v.map { Int((Double($0) / Double(step)).rounded(.toNearestOrEven)) }
    }

    static func pack(_ bytes: [Int], dimension: Int, offset: Int) -> [UInt32] {
        (0..<quads(dimension: dimension)).map { k in
            var word: UInt32 = 0
            for j in 0..<4 where 4 * k + j < dimension {
                word |= UInt32(UInt8(truncatingIfNeeded: bytes[4 * k + j] + offset)) << UInt32(8 * j)
            }
            return word
        }
    }

    /// A Float no smaller than `x`.
    static func up(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) < x ? f.nextUp : f
    }

    static func row(_ r: [Float]) -> Row {
        let step = step(r)
        let rho = codes(r, step: step)
        let l1 = up(Double(rho.reduce(0) { $0 + abs($1) }) * Double(step))
        return Row(codes: pack(rho, dimension: r.count, offset: 0), bias: Int32(128 * rho.reduce(0, +)), step: step, l1: l1)
    }

    static func query(_ q: [Float]) -> Query {
        let step = step(q)
        let kappa = codes(q, step: step)
        // Bytes past the dimension stay 0; the rows' bytes there are 0 too.
        return Query(codes: pack(kappa, dimension: q.count, offset: 128), step: step,
                     l1: up(q.reduce(0.0) { $0 + Double(abs($1)) }))
    }
}

/// SplitMix64: a small seeded generator so every test run draws the same data.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededRandom {
    /// A coordinate on a coarse grid (so duplicates and shared edges occur) or a fine one.
    mutating func coordinate(_ range: ClosedRange<Double>, grid: Bool) -> Double {
        if grid {
            let steps = Int((range.upperBound - range.lowerBound) / 0.5)
            return range.lowerBound + Double(Int.random(in: 0...steps, using: &self)) * 0.5
        }
        return Double.random(in: range, using: &self)
    }

    mutating func box(grid: Bool, maxSize: Double = 3) -> GeoBoxTestValue {
        let x = coordinate(73...135, grid: grid), y = coordinate(18...53, grid: grid)
        let degenerate = Int.random(in: 0..<5, using: &self) == 0
        let w = degenerate ? 0 : (grid ? Double(Int.random(in: 0...4, using: &self)) * 0.5 : Double.random(in: 0...maxSize, using: &self))
        let h = degenerate ? 0 : (grid ? Double(Int.random(in: 0...4, using: &self)) * 0.5 : Double.random(in: 0...maxSize, using: &self))
        return GeoBoxTestValue(x: x, y: y, w: w, h: h)
    }
}

struct GeoBoxTestValue { var x, y, w, h: Double }

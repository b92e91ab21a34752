import HomewardBasics
typealias SeededRandom = SeededGenerator

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

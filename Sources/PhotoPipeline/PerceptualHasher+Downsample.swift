extension PerceptualHasher {
    /// Box-filter window for reducing `old` samples to `new`: about half the
    /// step, so that two passes (a tent) span one step.
    static func windowSize(old: Int, new: Int) -> Int {
        max(1, (old + 2 * new - 1) / (2 * new))
    }

    /// Positions of the 64 samples along a dimension of `count`: strip centres.
    static func samplePositions(count: Int) -> [Int] {
        (0..<side).map { min(count - 1, Int((Double($0) + 0.5) * Double(count) / Double(side))) }
    }

    /// Luminance, tent-filtered and decimated to 64×64, row-major.
    static func downsample(_ image: DecodedImage) -> [Float] {
        let w = image.width, h = image.height
        let cols = samplePositions(count: w), rows = samplePositions(count: h)
        let windowX = windowSize(old: w, new: side), windowY = windowSize(old: h, new: side)

        // Horizontal: each image row → 64 values at the sample columns.
        var horizontal = [Float](repeating: 0, count: h * side)
        var prefix = [Double](repeating: 0, count: w + 1)
        image.rgb.withUnsafeBufferPointer { rgb in
            prefix.withUnsafeMutableBufferPointer { p in
                horizontal.withUnsafeMutableBufferPointer { out in
                    for y in 0..<h {
                        let base = y * w * 3
                        var sum: Double = 0
                        for x in 0..<w {
                            let o = base + 3 * x
                            sum += 0.299 * Double(rgb[o]) + 0.587 * Double(rgb[o + 1]) + 0.114 * Double(rgb[o + 2])
                            p[x + 1] = sum
                        }
                        for (k, x) in cols.enumerated() {
                            out[y * side + k] = Float(tent(prefix: p, count: w, at: x, window: windowX))
                        }
                    }
                }
            }
        }
        // Vertical: each of the 64 columns → 64 values at the sample rows.
        var block = [Float](repeating: 0, count: side * side)
        var column = [Double](repeating: 0, count: h + 1)
        column.withUnsafeMutableBufferPointer { p in
            for k in 0..<side {
                var sum: Double = 0
                for y in 0..<h {
                    sum += Double(horizontal[y * side + k])
                    p[y + 1] = sum
                }
                for (r, y) in rows.enumerated() {
                    block[r * side + k] = Float(tent(prefix: p, count: h, at: y, window: windowY))
                }
            }
        }
        return block
    }

    /// Two passes of a centred box filter of `window` samples (the window is
    /// clipped at the edges and the mean taken over what remains), evaluated
    /// at one position from prefix sums of the signal.
    @inline(__always)
    static func tent(prefix p: UnsafeMutableBufferPointer<Double>, count: Int, at x: Int, window: Int) -> Double {
        let before = (window - 1) / 2, after = window - 1 - before
        func box(_ i: Int) -> Double {
            let lo = max(0, i - before), hi = min(count - 1, i + after)
            return (p[hi + 1] - p[lo]) / Double(hi - lo + 1)
        }
        let lo = max(0, x - before), hi = min(count - 1, x + after)
        var sum: Double = 0
        for i in lo...hi { sum += box(i) }
        return sum / Double(hi - lo + 1)
    }
}

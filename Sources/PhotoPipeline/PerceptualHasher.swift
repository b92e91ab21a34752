#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Computes `PerceptualHash` from an image, following the steps of Meta's
/// published PDQ description:
/// 1. luminance Y = 0.299 R + 0.587 G + 0.114 B;
/// 2. two passes of a box filter in each direction (a tent filter, "Jarosz"
///    filter) whose window is about half the downsampling step, then
///    decimation to 64×64 at the centres of 64 equal strips;
/// 3. a 2-D DCT of the 64×64 block keeping the 16×16 lowest frequencies
///    without the DC row and column (rows/columns 1…16);
/// 4. each bit: coefficient > median of the 256.
/// Quality (0…100) is the summed absolute neighbour difference of the 64×64
/// block in percent of full scale, over 90, capped at 100; PDQ's authors
/// advise against matching on hashes of quality below 50 (flat images).
///
/// Only the 64×64 sample points of the filtered image are computed: the box
/// filters are evaluated from prefix sums at those points, so the cost is two
/// passes over the pixels whatever the image size.
public enum PerceptualHasher {
    public struct Result: Sendable, Hashable {
        public var hash: PerceptualHash
        public var quality: Int
    }

    static let side = 64
    static let kept = 16

    public static func hash(_ image: DecodedImage) -> Result {
        let block = downsample(image)
        return hash(block64: block)
    }

    /// Steps 3–4 and the quality, from the 64×64 luminance block (row-major).
    static func hash(block64 block: [Float]) -> Result {
        let n = side, k = kept
        let dct = dctMatrix
        // T = D (16×64) · A (64×64); B = T · Dᵀ (16×16)
        var t = [Float](repeating: 0, count: k * n)
        for i in 0..<k {
            for j in 0..<n {
                let dij = dct[i * n + j]
                for c in 0..<n { t[i * n + c] += dij * block[j * n + c] }
            }
        }
        var b = [Float](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0..<k {
                var sum: Float = 0
                for c in 0..<n { sum += t[i * n + c] * dct[j * n + c] }
                b[i * k + j] = sum
            }
        }
        let sorted = b.sorted()
        let median = (sorted[k * k / 2 - 1] + sorted[k * k / 2]) / 2
        var hash = PerceptualHash(0, 0, 0, 0)
        for index in 0..<(k * k) where b[index] > median { hash.setBit(index) }
        return Result(hash: hash, quality: quality(block64: block))
    }

    static func quality(block64 block: [Float]) -> Int {
        let n = side
        var gradient = 0
        for row in 0..<n {
            for col in 0..<n {
                let v = block[row * n + col]
                if col + 1 < n { gradient += Int(abs(v - block[row * n + col + 1]) * 100 / 255) }
                if row + 1 < n { gradient += Int(abs(v - block[(row + 1) * n + col]) * 100 / 255) }
            }
        }
        return min(100, gradient / 90)
    }

    /// DCT-II basis rows 1…16 of size 64, scaled by √(2/64).
    static let dctMatrix: [Float] = {
        let n = side
        var m = [Float](repeating: 0, count: kept * n)
        let scale = (2.0 / Double(n)).squareRoot()
        for i in 0..<kept {
            for j in 0..<n {
                m[i * n + j] = Float(scale * cos(Double.pi / 2 / Double(n) * Double(i + 1) * Double(2 * j + 1)))
            }
        }
        return m
    }()
}

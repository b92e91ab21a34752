/// A 256-bit perceptual hash in the manner of Meta's PDQ: similar images have
/// hashes a small Hamming distance apart. Bit `16 * row + column` is set when
/// DCT coefficient (row, column) of the image's 64×64 luminance is above the
/// median of the 256 kept coefficients.
public struct PerceptualHash: Sendable, Hashable {
    /// Bits 0–63, 64–127, 128–191, 192–255.
    public var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    public init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    public static let bitCount = 256
    /// The contract: two photos whose hashes differ in at most this many bits are the same photo.
    public static let nearDuplicateDistance = 31

    @inlinable
    public func distance(to other: PerceptualHash) -> Int {
        (w0 ^ other.w0).nonzeroBitCount + (w1 ^ other.w1).nonzeroBitCount
            + (w2 ^ other.w2).nonzeroBitCount + (w3 ^ other.w3).nonzeroBitCount
    }

    @inlinable
    public func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: w0
        case 1: w1
        case 2: w2
        default: w3
        }
    }

    public func bit(_ index: Int) -> Bool { (word(index >> 6) >> UInt64(index & 63)) & 1 == 1 }

    public mutating func setBit(_ index: Int) {
        let mask: UInt64 = 1 << UInt64(index & 63)
        switch index >> 6 {
        case 0: w0 |= mask
        case 1: w1 |= mask
        case 2: w2 |= mask
        default: w3 |= mask
        }
    }

    /// 64 lowercase hex digits, bit 255 first (for logs of hashes, never of photos).
    public var hex: String {
        [w3, w2, w1, w0].map { word in
            let s = String(word, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }
}

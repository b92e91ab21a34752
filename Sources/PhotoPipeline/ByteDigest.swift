import Crypto

/// A SHA-256 digest as a plain value (cheap to hash and store).
public struct ByteDigest: Sendable, Hashable {
    public var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// From stored words (as `w0…w3` hold them).
    public init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    public init(_ digest: SHA256.Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { raw in
            words = (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                     raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        (w0, w1, w2, w3) = words
    }

    public var hex: String {
        [w0, w1, w2, w3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
            .map { String(format2: $0) }.joined()
    }
}

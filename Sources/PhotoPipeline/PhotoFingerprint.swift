import Crypto

/// What repost detection knows about a photo: the SHA-256 of its bytes and
/// the perceptual hash of its pixels.
public struct PhotoFingerprint: Sendable, Hashable {
    public var sha256: ByteDigest
    public var perceptual: PerceptualHash
    /// PDQ quality 0…100 of `perceptual`.
    public var quality: Int

    public init(sha256: ByteDigest, perceptual: PerceptualHash, quality: Int) {
        self.sha256 = sha256
        self.perceptual = perceptual
        self.quality = quality
    }

    /// Decodes nothing: SHA-256 of the bytes only (the cheap first check).
    public static func digest(of photo: PhotoBytes) -> ByteDigest {
        ByteDigest(SHA256.hash(data: photo.bytes))
    }

    /// SHA-256 of the bytes and perceptual hash of the decoded image.
    public static func make(_ photo: PhotoBytes, image: DecodedImage) -> PhotoFingerprint {
        let result = PerceptualHasher.hash(image)
        return PhotoFingerprint(sha256: digest(of: photo), perceptual: result.hash, quality: result.quality)
    }
}

/// A SHA-256 digest as a plain value (cheap to hash and store).
public struct ByteDigest: Sendable, Hashable {
    public var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

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

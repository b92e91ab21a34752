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

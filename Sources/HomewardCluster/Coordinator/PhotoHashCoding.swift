import PhotoPipeline

/// How a photo's perceptual fingerprint is stored (`sightings.photo_phash`):
/// the 256-bit hash as 32 little-endian bytes, then one byte of quality (0–100).
enum PhotoHashCoding {
    static func encode(_ f: PhotoFingerprint) -> [UInt8] {
        var bytes: [UInt8] = []
        for i in 0..<4 { bytes += withUnsafeBytes(of: f.perceptual.word(i).littleEndian, Array.init) }
        bytes.append(UInt8(clamping: f.quality))
        return bytes
    }

    /// A hash a client computed on the device (`SubmitSighting.photo_phash`):
    /// the same 32 bytes without the quality byte. The client vouches for it,
    /// so it counts as full quality.
    static func fingerprint(clientHash: [UInt8], sha256: ByteDigest) -> PhotoFingerprint? {
        guard clientHash.count == 32 else { return nil }
        return decode(clientHash + [100], sha256: sha256)
    }

    static func decode(_ bytes: [UInt8], sha256: ByteDigest) -> PhotoFingerprint? {
        guard bytes.count == 33 else { return nil }
        func word(_ i: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[i * 8 + $1]) << (8 * $1) } }
        return PhotoFingerprint(sha256: sha256, perceptual: PerceptualHash(word(0), word(1), word(2), word(3)), quality: Int(bytes[32]))
    }
}

import Crypto

/// A deterministic stand-in for tests that are not about faces: each photo
/// yields `facesPerPhoto` faces whose embeddings are derived from the SHA-256
/// of the photo bytes (same bytes, same embeddings; different bytes, unrelated
/// embeddings). Decoding still runs, so bad images still fail as they would.
public struct FakeFaceEmbedder: FaceEmbedder, Sendable {
    public let decoder: PhotoDecoder
    public let facesPerPhoto: Int

    public init(facesPerPhoto: Int = 1, limits: PhotoLimits = .standard) {
        self.decoder = PhotoDecoder(limits: limits)
        self.facesPerPhoto = facesPerPhoto
    }

    public func faces(in image: DecodedImage) throws(PhotoError) -> [DetectedFace] {
        let seed = SHA256.hash(data: image.rgb + [UInt8(truncatingIfNeeded: image.width)])
        var state = seed.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let count = min(facesPerPhoto, decoder.limits.maxFaces)
        return (0..<count).map { index in
            let raw = (0..<FaceEmbedding.dimension).map { _ -> Float in
                // SplitMix64 → uniform in [-1, 1)
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                return Float(z >> 40) / Float(1 << 23) - 1
            }
            let side = max(1, min(image.width, image.height) / 4)
            return DetectedFace(
                box: FaceBox(left: index * side % image.width, top: 0, right: min(image.width - 1, index * side % image.width + side), bottom: side),
                detectionScore: 1,
                embedding: FaceEmbedding(normalizing: raw)!)
        }
    }
}

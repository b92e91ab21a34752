/// Finds faces in a photo and describes each by a normalised embedding.
///
/// Implementations are not required to be thread-safe (dlib's are not): give
/// each actor or thread its own instance (see `FaceExtractionService`).
public protocol FaceEmbedder {
    /// Faces in an already decoded, upright image, most confident first, at
    /// most `limits.maxFaces`.
    func faces(in image: DecodedImage) throws(PhotoError) -> [DetectedFace]

    /// The decoder the `faces(in: PhotoBytes)` convenience uses.
    var decoder: PhotoDecoder { get }
}

extension FaceEmbedder {
    /// Decodes `photo` (with the byte, pixel and format checks) and finds its faces.
    public func faces(in photo: PhotoBytes) throws(PhotoError) -> [DetectedFace] {
        try faces(in: decoder.decode(photo))
    }
}

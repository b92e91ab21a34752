/// One photo of `homeward photo embed`'s output (JSON keys are the field
/// names): its SHA-256 and perceptual hash as a client sends them, and its
/// faces, most confident first; or why it could not be decoded.
public struct EmbeddedPhoto: Encodable, Sendable {
    public struct Box: Encodable, Sendable { public var left, top, right, bottom: Int }
    public struct Face: Encodable, Sendable {
        public var box: Box
        public var confidence: Float
        public var embedding: [Float]
    }
    public var file: String
    public var photo_sha256: String
    public var photo_phash: String?
    public var faces: [Face]?
    public var error: String?

    /// Runs the workers' pipeline on one photo: decode, perceptual hash, faces.
    public init(_ photo: PhotoBytes, file: String, embedder: DlibFaceEmbedder) {
        self.file = file
        photo_sha256 = PhotoFingerprint.digest(of: photo).hex
        do {
            let image = try embedder.decoder.decode(photo)
            let hash = PerceptualHasher.hash(image).hash
            faces = try embedder.faces(in: image).map { f in
                Face(box: Box(left: f.box.left, top: f.box.top, right: f.box.right, bottom: f.box.bottom),
                     confidence: f.detectionScore, embedding: f.embedding.values)
            }
            photo_phash = hash.wireHex
        } catch {
            self.error = "\(error)"
        }
    }
}

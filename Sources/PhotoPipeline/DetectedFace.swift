/// One face found in a photo.
public struct DetectedFace: Sendable, Hashable {
    /// Box in the upright (EXIF-oriented) image, in its pixels.
    public var box: FaceBox
    /// The detector's confidence; faces come sorted by it, highest first.
    public var detectionScore: Float
    public var embedding: FaceEmbedding

    public init(box: FaceBox, detectionScore: Float, embedding: FaceEmbedding) {
        self.box = box
        self.detectionScore = detectionScore
        self.embedding = embedding
    }
}

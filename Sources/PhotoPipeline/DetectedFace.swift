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

/// An axis-aligned box in pixels; `right`/`bottom` inclusive, as dlib reports.
public struct FaceBox: Sendable, Hashable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }
}

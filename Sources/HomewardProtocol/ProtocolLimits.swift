/// Every bound the Homeward protocols enforce. `v1` holds the documented values
/// (docs/protocol.md, "Limits"); tests may shrink them.
public struct ProtocolLimits: Sendable, Equatable {
    /// Largest single frame (also the socket's ZMQ_MAXMSGSIZE).
    public var maxFrameBytes = 16 << 20
    /// Face embedding dimension (dlib ResNet: 128).
    public var embeddingDimension = 128
    /// Largest photo (JPEG or PNG bytes).
    public var maxPhotoBytes = 4 << 20
    public var maxCasePhotos = 8
    /// Faces of one sighting, in all (embeddings sent plus faces found in its
    /// photos): a street photo of a group of children must fit. The same number
    /// bounds a photo's detected faces and a worker match request's faces per
    /// sighting (docs/protocol.md, "Limits").
    public var maxSightingFaces = 64
    public var maxMarkTags = 32
    public var maxMarkTagBytes = 64
    public var maxRequestIDBytes = 64
    public var maxChildNameBytes = 200
    public var maxGuardianContactBytes = 500
    public var maxNotesBytes = 4000
    public var maxNoteBytes = 2000
    public var maxPersonBytes = 200
    public var maxPurposeBytes = 500
    public var maxReasonBytes = 2000
    public var maxSubmitterBytes = 200
    public var maxCatchUpCount = 1000
    /// Alert ids in one ShowReviews.
    public var maxReviewStates = 1000
    /// Earliest accepted time: 1900-01-01T00:00:00Z.
    public var earliestTime: Int64 = -2_208_988_800
    /// How far ahead of the receiver's clock a time may be.
    public var maxFutureSkewSeconds: Int64 = 86_400
    /// Oldest estimated age: adults too, since children missing for decades
    /// are found as grown-ups (the matching engine takes the same bound).
    public var maxAgeYears: Float = 100
    // Worker protocol
    public var maxWorkerIDBytes = 64
    public var maxBatchSightings = 256
    public var maxTopK = 100
    /// Tolerance for "L2-normalised" on worker vectors: |‖v‖ − 1| ≤ this.
    public var normTolerance: Float = 1e-3

    public init() {}

    public static let v1 = ProtocolLimits()
}

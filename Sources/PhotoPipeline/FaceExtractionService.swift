/// An actor owning one face embedder (one copy of dlib's models) on its own
/// thread. Worker processes run one per core they give to extraction, usually
/// through `FaceExtractionPool`.
public actor FaceExtractionService {
    private let executor: ThreadExecutor
    private let embedder: any FaceEmbedder
    /// Extractions run so far (the repost benchmark counts them).
    public private(set) var extractions = 0

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Uses the embedder `make` returns; it is created here and never leaves the actor.
    public init(make: @Sendable () throws(PhotoError) -> any FaceEmbedder) throws(PhotoError) {
        executor = ThreadExecutor()
        do {
            embedder = try make()
        } catch {
            executor.shutdown()
            throw error
        }
    }

    /// The real dlib embedder, models checked and loaded from `models`.
    public init(models: FaceModelFiles = .standard, limits: PhotoLimits = .standard) throws(PhotoError) {
        try self.init(make: { () throws(PhotoError) -> any FaceEmbedder in try DlibFaceEmbedder(models: models, limits: limits) })
    }

    deinit {
        executor.shutdown()
    }

    /// Decodes `photo` (with every input check) and returns its faces.
    public func faces(in photo: PhotoBytes) throws(PhotoError) -> [DetectedFace] {
        extractions += 1
        return try embedder.faces(in: photo)
    }

    /// Faces of an image already decoded (e.g. by `RepostDetector.classify`).
    public func faces(in image: DecodedImage) throws(PhotoError) -> [DetectedFace] {
        extractions += 1
        return try embedder.faces(in: image)
    }
}

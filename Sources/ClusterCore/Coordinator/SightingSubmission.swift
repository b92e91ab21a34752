import MatchEngine

/// A validated sighting submission, as the shell hands it to the core.
public struct SightingSubmission<Fingerprint: Sendable>: Sendable {
    /// A photo whose faces the workers must extract.
    public struct Photo: Sendable, Equatable {
        /// Position in the request's `faces` (for error messages).
        public var index: Int
        public var bytes: [UInt8]

        public init(index: Int, bytes: [UInt8]) {
            self.index = index
            self.bytes = bytes
        }
    }

    public var requestID: String
    public var draft: SightingDraft
    /// Matching features; `embeddings` holds the faces sent as embeddings (normalised), id is assigned by the core.
    public var features: SightingFeatures
    public var photos: [Photo]
    /// The first photo's SHA-256 (or the client's `photo_sha256`): exact reposts.
    public var digest: [UInt8]?
    /// The first photo's perceptual fingerprint, when it was decoded (its bytes were new).
    public var fingerprint: Fingerprint?

    public init(requestID: String, draft: SightingDraft, features: SightingFeatures, photos: [Photo] = [],
                digest: [UInt8]? = nil, fingerprint: Fingerprint? = nil) {
        self.requestID = requestID
        self.draft = draft
        self.features = features
        self.photos = photos
        self.digest = digest
        self.fingerprint = fingerprint
    }
}

/// The stored fields of a submitted sighting that the core passes through
/// untouched to the store (the store's `SightingRecord` minus what the core
/// decides: id, faces, repost link, matched time).
public struct SightingDraft: Sendable, Equatable {
    public var observedAt: Int64
    public var latitude: Double
    public var longitude: Double
    public var province: String?
    public var sex: Int
    public var ageRange: ClosedRange<Double>?
    public var marks: [String]
    public var submitter: String
    public var receivedAt: Int64
    /// SHA-256 of the first photo, or the one the client sent.
    public var photoSHA256: [UInt8]?
    /// The first photo's perceptual hash as stored (only for an original that was decoded).
    public var perceptualHash: [UInt8]?
    /// The first photo's bytes, kept for review (issue 15) in the sighting's own
    /// transaction unless it is stored as a repost.
    public var photo: [UInt8]?

    public init(observedAt: Int64, latitude: Double, longitude: Double, province: String?, sex: Int,
                ageRange: ClosedRange<Double>?, marks: [String], submitter: String, receivedAt: Int64,
                photoSHA256: [UInt8]? = nil, perceptualHash: [UInt8]? = nil) {
        self.observedAt = observedAt
        self.latitude = latitude
        self.longitude = longitude
        self.province = province
        self.sex = sex
        self.ageRange = ageRange
        self.marks = marks
        self.submitter = submitter
        self.receivedAt = receivedAt
        self.photoSHA256 = photoSHA256
        self.perceptualHash = perceptualHash
    }
}

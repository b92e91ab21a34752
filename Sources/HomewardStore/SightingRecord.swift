/// A sighting as stored. Reposts keep their own row (the count and the source
/// matter to reviewers) but point at the first sighting and have no faces.
public struct SightingRecord: Sendable, Equatable {
    public var id: UInt64
    public var observedAt: Int64
    public var latitude: Double
    public var longitude: Double
    public var province: String?
    public var sex: Int
    public var ageRange: ClosedRange<Double>?
    public var marks: [String]
    public var faces: [[Float]]
    public var photoSHA256: [UInt8]?
    public var perceptualHash: [UInt8]?
    public var repostOf: UInt64?
    public var submitterRef: String
    public var receivedAt: Int64
    public var matchedAt: Int64?

    public init(id: UInt64, observedAt: Int64, latitude: Double, longitude: Double, province: String?, sex: Int,
                ageRange: ClosedRange<Double>?, marks: [String], faces: [[Float]], photoSHA256: [UInt8]? = nil,
                perceptualHash: [UInt8]? = nil, repostOf: UInt64? = nil, submitterRef: String, receivedAt: Int64,
                matchedAt: Int64? = nil) {
        self.id = id
        self.observedAt = observedAt
        self.latitude = latitude
        self.longitude = longitude
        self.province = province
        self.sex = sex
        self.ageRange = ageRange
        self.marks = marks
        self.faces = faces
        self.photoSHA256 = photoSHA256
        self.perceptualHash = perceptualHash
        self.repostOf = repostOf
        self.submitterRef = submitterRef
        self.receivedAt = receivedAt
        self.matchedAt = matchedAt
    }
}

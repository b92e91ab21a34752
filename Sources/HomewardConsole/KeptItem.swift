/// What the vault keeps for review, sealed as one JSON blob: a photo and,
/// for sightings, what the submitter said (age, sex, marks).
public struct KeptItem: Codable, Sendable, Equatable {
    public var photo: [UInt8]
    public var contentType: String
    public var details: [String: String]

    public init(photo: [UInt8], contentType: String, details: [String: String] = [:]) {
        self.photo = photo
        self.contentType = contentType
        self.details = details
    }
}

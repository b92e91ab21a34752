/// A console user's role. Province scopes narrow every role but the national
/// operator (an empty province list means every province).
public enum ConsoleRole: String, Codable, Sendable, CaseIterable {
    /// Cases (register, show, close), review, photos, the map and queue.
    case `operator`
    /// Review alerts of its provinces, with photos.
    case reviewer
    /// A provincial desk: watches the map, the queue and decisions; no photos, no decisions.
    case desk
    /// Web intake only: `POST /api/v1/sightings` with an API token, no pages.
    case intake

    public var mayUsePages: Bool { self != .intake }
    public var mayReview: Bool { self == .operator || self == .reviewer }
    public var maySeePhotos: Bool { self == .operator || self == .reviewer }
    public var mayManageCases: Bool { self == .operator }
    public var maySubmitSightings: Bool { true }
}

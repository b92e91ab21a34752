import HomewardProtocol

/// An alert as the console shows it: the stream's fields (one record however
/// many province topics carried it) and the review decision, once made.
public struct BoardAlert: Sendable, Equatable, Codable {
    public var alertID: String
    public var caseID: UInt64
    public var sightingID: UInt64
    public var score: Double
    public var face: Double
    public var marks: Double
    public var urgent: Bool
    public var provinces: [String]
    public var lat: Double
    public var lon: Double
    public var observedAt: Int64
    public var distanceKm: Double
    public var elapsedSeconds: Int64
    public var rank: UInt32
    public var publishedAtMs: Int64
    public var decision: BoardDecision?
    /// Set when a CaseClosed notice arrived: no longer pending.
    public var caseClosed: Bool

    public init(_ a: Homeward_V1_Alert) {
        alertID = a.alertID
        caseID = a.caseID
        sightingID = a.sightingID
        score = a.score
        face = a.face
        marks = a.marks
        urgent = a.tier == .urgent
        provinces = a.provinces.isEmpty ? [a.topic] : a.provinces
        lat = a.sightingLocation.latitude
        lon = a.sightingLocation.longitude
        observedAt = a.observedAt
        distanceKm = a.distanceKm
        elapsedSeconds = a.elapsedSeconds
        rank = a.rank
        publishedAtMs = a.publishedAtMs
        decision = nil
        caseClosed = false
    }

    public var isPending: Bool { decision == nil && !caseClosed }
}

/// A reviewer's decision as the console recorded it (the reason stays with the
/// coordinator's audited record; it may name people, so it is not broadcast).
public struct BoardDecision: Sendable, Equatable, Codable {
    public var confirmed: Bool
    public var reviewer: String
    public var at: Int64
}

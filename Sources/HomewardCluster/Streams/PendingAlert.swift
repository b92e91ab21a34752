import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardStore
import MatchEngine

/// An alert decided but not yet stored: the row, and the message to publish
/// on each of its provinces' topics once it is.
struct PendingAlert: Sendable {
    var record: AlertRecord
    var provinces: [String]
    var message: Homeward_V1_Alert

    init(_ decided: CoordinatorDirective.DecidedAlert) {
        let decision = decided.decision, sighting = decided.sighting, caseEntry = decided.caseEntry
        let c = decision.candidate
        let id = AlertID.make(caseID: c.caseID, sightingID: c.sightingID)
        record = AlertRecord(id: id, caseID: c.caseID, sightingID: c.sightingID, score: c.score, face: Double(c.face),
                             marks: c.marks, tier: c.tier == .urgent ? .urgent : .review, createdAt: sighting.observedAt)
        provinces = decision.provinces.isEmpty ? [NationalTopic.code] : decision.provinces
        var m = Homeward_V1_Alert()
        m.alertID = id
        m.caseID = c.caseID
        m.sightingID = c.sightingID
        m.score = c.score
        m.face = Double(c.face)
        m.marks = c.marks
        m.tier = c.tier == .urgent ? .urgent : .review
        m.provinces = provinces
        m.sightingLocation = FeatureMapping.wire(sighting.location)
        m.observedAt = sighting.observedAt
        m.distanceKm = Geodesy.haversineKm(sighting.location, caseEntry.features.lastSeen)
        m.elapsedSeconds = c.elapsed
        m.rank = UInt32(decision.rank)
        message = m
    }
}

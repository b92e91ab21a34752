import HomewardProtocol
import HomewardStore

extension OperatorRequests {
    /// Where a sighting is in matching (ShowSighting), and the sex, age and
    /// marks it was submitted with: one read of the store (so both describe the
    /// same moment), which records pending, matched (with its alerts), failed
    /// and reposts.
    func showSighting(_ m: Homeward_V1_ShowSighting, requestID: String) async throws -> Homeward_V1_Reply {
        let id = m.sightingID
        let found = try await store.read { db -> (SightingProgress, SightingRecord)? in
            let s = CoordinatorStore(db)
            guard let progress = try s.sightingProgress(id: id), let record = try s.sighting(id: id) else { return nil }
            return (progress, record)
        }
        guard let (progress, record) = found else {
            throw ProtocolError(.notFound, field: "show_sighting.sighting_id", "sighting \(id) does not exist", requestID: requestID)
        }
        return ClientCodec.reply(to: requestID) { r in
            r.sightingShown.sightingID = progress.id
            r.sightingShown.receivedAt = progress.receivedAt
            r.sightingShown.faces = UInt32(progress.faces)
            r.sightingShown.sex = Homeward_V1_Sex(rawValue: record.sex) ?? .unknown
            if let age = record.ageRange {
                r.sightingShown.estimatedAge.loYears = Float(age.lowerBound)
                r.sightingShown.estimatedAge.hiYears = Float(age.upperBound)
            }
            r.sightingShown.markTags = record.marks
            switch progress.state {
            case .pending:
                r.sightingShown.state = .pending
            case .matched(let at):
                r.sightingShown.state = .matched
                r.sightingShown.matchedAt = at
                r.sightingShown.candidates = UInt32(progress.alertIDs.count)
                r.sightingShown.alertIds = progress.alertIDs
            case .failed(_, let reason):
                r.sightingShown.state = .failed
                r.sightingShown.failure = reason
            case .repost(let original):
                r.sightingShown.state = .repost
                r.sightingShown.repostOf = original
            }
        }
    }
}

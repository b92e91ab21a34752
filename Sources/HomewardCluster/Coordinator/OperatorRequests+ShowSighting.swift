import HomewardProtocol
import HomewardStore

extension OperatorRequests {
    /// Where a sighting is in matching (ShowSighting): one read of the store,
    /// which records pending, matched (with its alerts), failed and reposts.
    func showSighting(_ m: Homeward_V1_ShowSighting, requestID: String) async throws -> Homeward_V1_Reply {
        let id = m.sightingID
        guard let progress = try await store.read({ db in try CoordinatorStore(db).sightingProgress(id: id) }) else {
            throw ProtocolError(.notFound, field: "show_sighting.sighting_id", "sighting \(id) does not exist", requestID: requestID)
        }
        return ClientCodec.reply(to: requestID) { r in
            r.sightingShown.sightingID = progress.id
            r.sightingShown.receivedAt = progress.receivedAt
            r.sightingShown.faces = UInt32(progress.faces)
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

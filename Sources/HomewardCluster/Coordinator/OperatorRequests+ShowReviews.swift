import HomewardProtocol
import HomewardStore

extension OperatorRequests {
    /// The review state of some alerts (ShowReviews): one read of the store.
    /// Access (every alert in the key's provinces) was checked by RequestAccess.
    func showReviews(_ m: Homeward_V1_ShowReviews, requestID: String) async throws -> Homeward_V1_Reply {
        let ids = m.alertIds
        let rows = try await store.read { db in try CoordinatorStore(db).reviewStates(alertIDs: ids) }
        return ClientCodec.reply(to: requestID) { r in
            r.reviewsShown.alerts = rows.map { row in
                var state = Homeward_V1_AlertReviewState()
                state.alertID = row.alertID
                state.decision = row.confirmed.map { $0 ? .confirm : .reject } ?? .unspecified
                state.reviewer = row.reviewer
                state.decidedAt = row.decidedAt
                state.caseOpen = row.caseOpen
                return state
            }
        }
    }
}

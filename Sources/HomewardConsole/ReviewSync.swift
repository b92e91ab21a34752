import HomewardClient
import HomewardProtocol
import Logging

/// Keeps the board's review state in step with the coordinator's store: every
/// `interval` it asks ShowReviews about the pending alerts on the board (in
/// batches of the protocol's limit), and every `closedEvery`-th pass also
/// about the undecided alerts of closed cases (a reopening elsewhere), and
/// applies the answer. This is how the queue survives a console restart and
/// how a decision made with `homeward review` reaches the console's pages.
struct ReviewSync: Sendable {
    let client: HomewardClient
    let hub: BoardHub
    let logger: Logger
    let interval: Duration
    var closedEvery = 30

    func run() async throws {
        // The first full pass after the start-up catch-up puts the stored state on
        // the replayed board (a case reopened before this start was closed by the replay).
        var pass = 0, fullAfterCatchUp = false
        while !Task.isCancelled {
            let caughtUp = await hub.caughtUp
            let full = pass % closedEvery == 0 || (caughtUp && !fullAfterCatchUp)
            await syncOnce(includingClosed: full)
            if full && caughtUp { fullAfterCatchUp = true }
            pass += 1
            try await Task.sleep(for: interval)
        }
    }

    /// One pass; a failure is logged and the next pass tries again.
    func syncOnce(includingClosed: Bool) async {
        let ids = await hub.undecidedAlertIDs(includingClosed: includingClosed)
        let batch = ProtocolLimits().maxReviewStates
        for start in stride(from: 0, to: ids.count, by: batch) {
            let request = HomewardClient.request { $0.showReviews.alertIds = Array(ids[start..<min(start + batch, ids.count)]) }
            do {
                let asOf = await hub.lastLogNumber()
                let shown = try await client.call(request).reviewsShown
                await hub.apply(shown.alerts.map(Self.state), asOf: asOf)
            } catch {
                logger.warning("review state sync failed; retrying", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    static func state(_ s: Homeward_V1_AlertReviewState) -> AlertBoard.StoredState {
        let decision: BoardDecision? = switch s.decision {
        case .confirm: BoardDecision(confirmed: true, reviewer: s.reviewer, at: s.decidedAt)
        case .reject: BoardDecision(confirmed: false, reviewer: s.reviewer, at: s.decidedAt)
        default: nil
        }
        return AlertBoard.StoredState(alertID: s.alertID, decision: decision, caseOpen: s.caseOpen)
    }
}

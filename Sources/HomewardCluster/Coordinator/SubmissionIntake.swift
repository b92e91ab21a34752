import ClusterCore
import GeoIndex
import MatchEngine
import PhotoPipeline
import HomewardProtocol
import Logging

/// The intake shell's side of a batch of embedding-only submissions
/// (`SubmissionBatch`): validation, authorization by the key's ZAP
/// `User-Id`, mapping and province lookup run here, off the coordinator's
/// actor; the actor only decides (`CoordinatorNode.submitSightings`); the
/// replies are built, audited and sent here. Each request is answered as
/// `handleClient` would answer it.
struct SubmissionIntake: Sendable {
    let validator: RequestValidator
    let access: RequestAccess
    let operatorRequests: OperatorRequests
    let vocabulary: MarkVocabulary
    let locateProvince: @Sendable (GeoPoint) -> String?
    let clock: WallClock
    let outbox: CoordinatorOutbox
    let logger: Logger

    func handle(_ batch: [DecodedSubmission], node: CoordinatorNode) async {
        var admitted: [(submission: DecodedSubmission, allowed: RequestAccess.AuthorizedRequest)] = []
        var mapped: [SightingSubmission<PhotoFingerprint>] = []
        var rejected = 0
        for s in batch {
            do {
                try validator.validate(s.request, now: clock.unixSeconds())
                let allowed = try await access.authorize(s.request, userID: s.userID)
                let m = allowed.request.submitSighting
                mapped.append(ClientMapping.submission(m, requestID: s.request.requestID, vocabulary: vocabulary, receivedAt: clock.unixSeconds(),
                                                       province: locateProvince(FeatureMapping.point(m.location))))
                admitted.append((s, allowed))
            } catch {
                rejected += send(failure: error, for: s)
            }
        }
        let answers = await node.submitSightings(mapped)
        for ((s, allowed), answer) in zip(admitted, answers) {
            do {
                let reply = try await operatorRequests.sightingReply(answer, requestID: s.request.requestID)
                await access.auditOutcome(allowed, reply: reply)
                outbox.reply(reply, to: s.route, isSubmission: true, since: s.receivedAt)
            } catch {
                rejected += send(failure: error, for: s)
            }
        }
        if rejected > 0 { await node.countRejected(rejected) }
    }

    /// Sends the error reply; 1 when it counts as rejected.
    private func send(failure error: any Error, for s: DecodedSubmission) -> Int {
        let failure = RequestFailure.reply(error, requestID: s.request.requestID, logger: logger)
        outbox.reply(failure.reply, to: s.route, isSubmission: true, since: s.receivedAt)
        return failure.rejected ? 1 : 0
    }
}

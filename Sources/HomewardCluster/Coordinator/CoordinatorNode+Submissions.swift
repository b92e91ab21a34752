import ClusterCore
import PhotoPipeline

extension CoordinatorNode {
    /// Sightings validated and mapped off the actor (a batch from
    /// `SubmissionIntake`, or one with photos from `handleClient`): handed to
    /// the core in this one turn, every one to store written in one store job,
    /// and the core's answer for each, in order.
    func submitSightings(_ submissions: [SightingSubmission<PhotoFingerprint>]) async -> [SightingReply] {
        var directives: [CoordinatorDirective] = []
        let issued = submissions.map { submission in
            let ticket = tickets.issue()
            directives += core.submitSighting(submission, ticket: ticket, now: now)
            return ticket
        }
        await execute(directives)
        var answers: [SightingReply] = []
        for ticket in issued {
            // Nearly all are answered by now; a repost of an original stored by another batch waits for it.
            guard case .sighting(let answer) = await awaitAnswer(ticket) else { preconditionFailure("a sighting ticket answered with case faces") }
            answers.append(answer)
        }
        return answers
    }

    func countRejected(_ count: Int) { for _ in 0..<count { core.countRejected() } }   // a batch's errors (SubmissionIntake)
}

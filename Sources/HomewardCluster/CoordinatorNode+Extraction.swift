import ClusterCore
import Foundation
import HomewardProtocol

/// Face extraction as a service of the workers: the coordinator sends each
/// photo to one live worker, round robin, and awaits its faces. A job whose
/// worker dies is re-sent to another; one that finds no worker with a face
/// model, or runs out of time, fails with a specific error to the submitter.
extension CoordinatorNode {
    struct ExtractionJob: Sendable {
        var photo: Data
        var worker: WorkerID?
        var startedAt: MonotonicTime
        var attempts: Int
        var continuation: CheckedContinuation<Homeward_V1_ExtractedFaces, any Error>
    }

    static let extractionTimeout: Duration = .seconds(20)

    /// The faces in one photo (most confident first), as L2-normalised embeddings.
    func extractFaces(_ photo: Data, field: String, requestID: String) async throws -> [[Float]] {
        let reply = try await withCheckedThrowingContinuation { continuation in
            let id = nextJobID
            nextJobID += 1
            extractionJobs[id] = ExtractionJob(photo: photo, worker: nil, startedAt: clock.monotonic(), attempts: 0, continuation: continuation)
            sendExtraction(id)
        }
        switch reply.outcome {
        case .ok: return reply.faces.compactMap(VectorCoding.floats)
        case .tooLarge: throw ProtocolError(.photoTooLarge, field: field, "the image has too many pixels or bytes", requestID: requestID)
        case .unreadable: throw ProtocolError(.photoFormat, field: field, "the image is not a readable JPEG or PNG (truncated or corrupt)", requestID: requestID)
        default: throw ProtocolError(.unavailable, field: field, "no worker can extract faces now (face models not installed?)", requestID: requestID)
        }
    }

    func sendExtraction(_ id: UInt64) {
        guard var job = extractionJobs[id] else { return }
        let live = membership.members.keys.sorted().filter { membership.isAlive($0) && $0 != job.worker }
        guard !live.isEmpty, job.attempts < 3 else {
            extractionJobs[id] = nil
            job.continuation.resume(throwing: ProtocolError(.unavailable, field: "", "no live worker could extract the photo's faces; retry later", retryAfterMs: 1_000))
            return
        }
        let worker = live[Int(extractionRoundRobin % UInt64(live.count))]
        extractionRoundRobin += 1
        job.worker = worker
        job.attempts += 1
        job.startedAt = clock.monotonic()
        extractionJobs[id] = job
        var request = Homeward_V1_ExtractFaces()
        request.jobID = id
        request.photo = job.photo
        sendToWorker(worker, .extract(request))
    }

    func extractionFinished(_ reply: Homeward_V1_ExtractedFaces, from worker: WorkerID) {
        guard let job = extractionJobs[reply.jobID], job.worker == worker else { return }   // late or duplicate
        if reply.outcome == .noExtractor || reply.outcome == .busy {
            sendExtraction(reply.jobID)   // try a worker that has the model, or a free one
            return
        }
        extractionJobs[reply.jobID] = nil
        job.continuation.resume(returning: reply)
    }

    func resendExtractions(from worker: WorkerID) {
        for (id, job) in extractionJobs where job.worker == worker { sendExtraction(id) }
    }

    func expireExtractions() {
        let now = clock.monotonic()
        for (id, job) in extractionJobs where now.since(job.startedAt) > Self.extractionTimeout { sendExtraction(id) }
    }
}

import HomewardProtocol
import Logging
import PhotoPipeline

/// Serves EXTRACT requests on a worker: decodes the photo and runs dlib's face
/// embedder on its own threads, beside (not inside) the ordered
/// update-and-match loop, so a slow photo never delays matching.
struct FaceExtractionWorker: Sendable {
    let pool: FaceExtractionPool?
    let logger: Logger

    /// Photos waiting per extractor beyond the one each is working on: enough
    /// to keep every core busy between replies, little enough that a surge is
    /// turned away (BUSY) within about two photo times rather than queued here.
    static let waitingPerExtractor = 2

    /// Loads `size` copies of the face models (0: none); without them the worker
    /// still matches, and answers extraction requests with NO_EXTRACTOR.
    init(size: Int, logger: Logger) {
        self.logger = logger
        guard size > 0 else {
            pool = nil
            return
        }
        do {
            pool = try FaceExtractionPool(size: size)
        } catch {
            logger.warning("face extraction unavailable on this worker", metadata: ["error": "\(error)"])
            pool = nil
        }
    }

    /// The reply to a photo that found the queue full: the coordinator sends it
    /// to another worker, and past its attempts tells the submitter to retry.
    static func busy(_ request: Homeward_V1_ExtractFaces) -> Homeward_V1_ExtractedFaces {
        var reply = Homeward_V1_ExtractedFaces()
        reply.jobID = request.jobID
        reply.outcome = .busy
        return reply
    }

    func answer(_ request: Homeward_V1_ExtractFaces) async -> Homeward_V1_ExtractedFaces {
        var reply = Homeward_V1_ExtractedFaces()
        reply.jobID = request.jobID
        guard let pool else {
            reply.outcome = .noExtractor
            return reply
        }
        do {
            let faces = try await pool.faces(in: PhotoBytes([UInt8](request.photo)))
            reply.outcome = .ok
            reply.faces = faces.sorted { $0.detectionScore > $1.detectionScore }.map { VectorCoding.vector($0.embedding.values) }
        } catch {
            switch error {
            case .tooManyBytes, .tooManyPixels: reply.outcome = .tooLarge
            default: reply.outcome = .unreadable
            }
        }
        return reply
    }
}

import HomewardProtocol
import Logging
import PhotoPipeline

/// Serves EXTRACT requests on a worker: decodes the photo and runs dlib's face
/// embedder on its own threads, beside (not inside) the ordered
/// update-and-match loop, so a slow photo never delays matching.
struct FaceExtractionWorker: Sendable {
    let pool: FaceExtractionPool?
    let logger: Logger

    /// Loads the face models; without them the worker still matches, and
    /// answers extraction requests with NO_EXTRACTOR.
    init(size: Int, logger: Logger) {
        self.logger = logger
        do {
            pool = try FaceExtractionPool(size: size)
        } catch {
            logger.warning("face extraction unavailable on this worker", metadata: ["error": "\(error)"])
            pool = nil
        }
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

import Foundation
import PhotoPipeline

/// The driver's own face extraction, for ground truth: one dlib service per
/// core (OpenBLAS pinned to one thread each), run before the cluster starts.
final class DriverExtraction: @unchecked Sendable {
    // @unchecked: `extracted` is only touched by the one task that calls faces(_:).
    let pool: FaceExtractionPool
    private(set) var extracted = 0

    init() throws {
        pool = try FaceExtractionPool(size: max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Each photo's face embeddings, most confident first (empty: no face), in input order.
    func faces(_ photos: [PhotoBytes]) async throws -> [[[Float]]] {
        extracted += photos.count
        let pool = self.pool
        let width = 2 * pool.services.count
        var out = Array(repeating: [[Float]](), count: photos.count)
        try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            var next = 0
            func add() {
                let i = next
                next += 1
                group.addTask { (i, try await pool.faces(in: photos[i]).map(\.embedding.values)) }
            }
            while next < min(width, photos.count) { add() }
            while let (i, faces) = try await group.next() {
                out[i] = faces
                if next < photos.count { add() }
            }
        }
        return out
    }
}

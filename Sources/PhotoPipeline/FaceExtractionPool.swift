import Synchronization

/// Spreads extractions over several `FaceExtractionService`s (one dlib model
/// copy and one thread each), sending each request to the one with the
/// fewest requests in flight.
public final class FaceExtractionPool: Sendable {
    public let services: [FaceExtractionService]
    private let inFlight: Mutex<[Int]>

    public init(services: [FaceExtractionService]) {
        precondition(!services.isEmpty, "a pool needs at least one service")
        self.services = services
        self.inFlight = Mutex(Array(repeating: 0, count: services.count))
    }

    /// `size` real dlib services (≈ 30 MB of models each). OpenBLAS is pinned
    /// to one thread so that `size` services use `size` cores.
    public convenience init(size: Int, models: FaceModelFiles = .standard, limits: PhotoLimits = .standard) throws(PhotoError) {
        FaceBLAS.setThreads(1)
        var services: [FaceExtractionService] = []
        for _ in 0..<max(1, size) { services.append(try FaceExtractionService(models: models, limits: limits)) }
        self.init(services: services)
    }

    public func faces(in photo: PhotoBytes) async throws(PhotoError) -> [DetectedFace] {
        let chosen = acquire()
        defer { release(chosen) }
        return try await services[chosen].faces(in: photo)
    }

    public func faces(in image: DecodedImage) async throws(PhotoError) -> [DetectedFace] {
        let chosen = acquire()
        defer { release(chosen) }
        return try await services[chosen].faces(in: image)
    }

    private func acquire() -> Int {
        inFlight.withLock { counts in
            let chosen = counts.indices.min { counts[$0] < counts[$1] }!
            counts[chosen] += 1
            return chosen
        }
    }

    private func release(_ index: Int) {
        inFlight.withLock { $0[index] -= 1 }
    }
}

import HomewardCluster
import ServiceLifecycle

/// A role (coordinator or worker) as a swift-service-lifecycle `Service`: the
/// group's graceful shutdown (SIGTERM/SIGINT) becomes the role's drain.
struct DrainableService: Service, CustomStringConvertible {
    let description: String
    let body: @Sendable (DrainSignal) async throws -> Void

    func run() async throws {
        let drain = DrainSignal()
        try await withGracefulShutdownHandler {
            try await body(drain)
        } onGracefulShutdown: {
            drain.request()
        }
    }
}

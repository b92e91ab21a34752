import ServiceLifecycle

/// A role (coordinator or worker) as a swift-service-lifecycle `Service`: the
/// group's graceful shutdown (SIGTERM/SIGINT) becomes the role's drain.
public struct DrainableService: Service, CustomStringConvertible {
    public let description: String
    let body: @Sendable (DrainSignal) async throws -> Void

    public init(description: String, body: @escaping @Sendable (DrainSignal) async throws -> Void) {
        self.description = description
        self.body = body
    }

    public func run() async throws {
        let drain = DrainSignal()
        try await withGracefulShutdownHandler {
            try await body(drain)
        } onGracefulShutdown: {
            drain.request()
        }
    }
}

import ClusterCore
import Foundation
import HomewardOps
import Logging
import Prometheus
import ServiceLifecycle

/// Runs one role with its ops endpoint in a `ServiceGroup`: SIGTERM or SIGINT
/// drains the role first (it is last in the group, so it is shut down first),
/// then stops the ops endpoint; a second signal does not hurry it, the drain
/// bound does. The role returning ends the group; the role failing fails it.
enum RoleRunner {
    /// `metrics` is the registry the executable bootstrapped (`MetricsSetup`);
    /// `opsEndpointFile`, when given, gets the bound ops endpoint once serving.
    static func run(
        role: DrainableService, ops: OpsEndpoint, opsEndpointFile: String?, health: ServiceHealth,
        drainBound: Duration, metrics: PrometheusCollectorRegistry, logger: Logger
    ) async throws {
        let server = OpsServer.make(
            host: ops.host, port: ops.port, registry: metrics, logger: logger,
            readiness: { Readiness(reasons: health.notReadyReasons) },
            onBound: { port in
                let bound = OpsEndpoint(host: ops.host, port: port).description
                logger.info("ops endpoint serving", metadata: ["endpoint": "\(bound)", "paths": "/metrics /health /ready"])
                if let opsEndpointFile { try? Data("\(bound)\n".utf8).write(to: URL(fileURLWithPath: opsEndpointFile), options: .atomic) }
            })
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: server, serviceName: "ops-endpoint"),
                .init(service: role, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: role.description),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Past the drain bound (plus a margin for closing sockets and the store) the group cancels everything.
        configuration.maximumGracefulShutdownDuration = drainBound + .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
    }
}

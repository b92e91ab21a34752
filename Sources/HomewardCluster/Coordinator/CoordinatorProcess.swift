import ClusterCore
import Foundation
import GeoIndex
import HomewardOps
import HomewardSecurity
import Logging
import Prometheus

/// `homeward coordinator`: the coordinator's service beside its ops endpoint
/// (`RoleRunner`), drained on SIGTERM or SIGINT within the config's drain bound.
public enum CoordinatorProcess {
    /// `config` already carries any endpoints the command line chose;
    /// `endpointsFile`, when given, gets the four bound endpoints once serving.
    public static func run(
        config: ClusterConfig, configPath: String, ops: OpsEndpoint, opsEndpointFile: String?,
        databasePath: String, provinces: ProvinceLocator, endpointsFile: String?, metrics: PrometheusCollectorRegistry
    ) async throws {
        let logger = Logger(label: "homeward.coordinator")
        logger.info("starting", metadata: ["version": "\(BuildInfo.version)", "commit": "\(BuildInfo.commit)"])
        var service = CoordinatorService(config: config, databasePath: databasePath, provinces: provinces, logger: logger)
        service.securityPaths = SecurityPaths(config: config, configPath: configPath)
        service.onReady = { client, alerts, workers, control in
            guard let endpointsFile else { return }
            // Atomic (temp file and rename): a reader sees all four lines or none.
            try? Data("\(client)\n\(alerts)\n\(workers)\n\(control)\n".utf8).write(to: URL(fileURLWithPath: endpointsFile), options: .atomic)
        }
        let role = service
        try await RoleRunner.run(
            role: DrainableService(description: "coordinator") { try await role.run(drain: $0) },
            ops: ops, opsEndpointFile: opsEndpointFile, health: role.health,
            drainBound: .milliseconds(config.coordinator.drainTimeoutMilliseconds), metrics: metrics, logger: logger)
    }
}

import ClusterCore
import Foundation
import HomewardOps
import HomewardSecurity
import Logging
import Prometheus

/// `homeward worker`: one worker's service beside its ops endpoint
/// (`RoleRunner`), drained on SIGTERM or SIGINT.
public enum WorkerProcess {
    /// `config` already carries any coordinator endpoints the command line
    /// chose. Matchers per shard: `matchers`, else the worker's config, else one
    /// per core; extractors: the worker's config, else one per core.
    public static func run(
        _ worker: ClusterConfig.Worker, config: ClusterConfig, configPath: String, key: String?, matchers: Int?,
        ops: OpsEndpoint, opsEndpointFile: String?, metrics: PrometheusCollectorRegistry
    ) async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let logger = Logger(label: "homeward.worker")
        logger.info("starting", metadata: ["worker": "\(worker.id)", "version": "\(BuildInfo.version)", "commit": "\(BuildInfo.commit)"])
        var service = WorkerService(id: worker.id, config: config, matchersPerShard: matchers ?? worker.matchers ?? max(1, cores),
                                    extractors: worker.extractors ?? max(1, cores), logger: logger)
        service.curve = try ClientKeys.curve(name: key ?? "worker-\(worker.id)", config: config, configPath: configPath)
        let role = service
        try await RoleRunner.run(
            role: DrainableService(description: "worker") { try await role.run(drain: $0) },
            ops: ops, opsEndpointFile: opsEndpointFile, health: role.health,
            // A worker's drain is one message; the bound only covers a coordinator that does not take it.
            drainBound: .seconds(2), metrics: metrics, logger: logger)
    }
}

import ArgumentParser
import ClusterCore
import Foundation
import HomewardCluster
import HomewardDriver
import HomewardSecurity
import Logging

struct CoordinatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Run the coordinator: case base, intake, routing, alerts.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var log: LogOptions
    @OptionGroup var ops: OpsOptions

    @Option(help: "SQLite database path (default: from the config, relative to the config's folder).")
    var database: String?

    @Flag(help: "Bind every socket to a free loopback port instead of the config's endpoints.")
    var ephemeralPorts = false

    @Option(help: "Bind these four endpoints (client, alerts, workers, control; comma-separated) instead of the config's, e.g. to restart on the ports a previous run bound.")
    var endpoints: String?

    @Option(help: "Write the bound client, alert, worker and control endpoints to this file, one per line, once serving.")
    var endpointsFile: String?

    func run() async throws {
        log.bootstrap()
        var cluster = try config.load()
        if let endpoints {
            let parts = endpoints.split(separator: ",").map(String.init)
            guard parts.count == 4 else { throw ValidationError("--endpoints takes four endpoints: client,alerts,workers,control") }
            cluster.coordinator.clientEndpoint = parts[0]
            cluster.coordinator.alertsEndpoint = parts[1]
            cluster.coordinator.workerEndpoint = parts[2]
            cluster.coordinator.controlEndpoint = parts[3]
        } else if ephemeralPorts {
            cluster.coordinator.clientEndpoint = "tcp://127.0.0.1:*"
            cluster.coordinator.alertsEndpoint = "tcp://127.0.0.1:*"
            cluster.coordinator.workerEndpoint = "tcp://127.0.0.1:*"
            cluster.coordinator.controlEndpoint = "tcp://127.0.0.1:*"
            cluster.coordinator.opsEndpoint = "http://127.0.0.1:0"
        }
        let opsEndpoint = try ops.endpoint(configured: cluster.coordinator.opsEndpoint)
        let configDirectory = (config.config as NSString).deletingLastPathComponent
        let path = database ?? (cluster.coordinator.database.hasPrefix("/") ? cluster.coordinator.database
            : (configDirectory as NSString).appendingPathComponent(cluster.coordinator.database))
        let geo = try GeoData(directory: GeoData.directory(forConfig: config.config))
        let logger = Logger(label: "homeward.coordinator")
        logger.info("starting", metadata: ["version": "\(BuildInfo.version)", "commit": "\(BuildInfo.commit)"])
        var service = CoordinatorService(config: cluster, databasePath: path, provinces: geo.provinces, logger: logger)
        service.securityPaths = SecurityPaths(config: cluster, configPath: config.config)
        let endpointsFile = self.endpointsFile
        service.onReady = { client, alerts, workers, control in
            guard let endpointsFile else { return }
            // Atomic (temp file and rename): a reader sees all three lines or none.
            try? Data("\(client)\n\(alerts)\n\(workers)\n\(control)\n".utf8).write(to: URL(fileURLWithPath: endpointsFile), options: .atomic)
        }
        let role = service
        try await RoleRunner.run(
            role: DrainableService(description: "coordinator") { try await role.run(drain: $0) },
            ops: opsEndpoint, opsEndpointFile: ops.opsEndpointFile, health: service.health,
            drainBound: .milliseconds(cluster.coordinator.drainTimeoutMilliseconds), logger: logger)
    }
}

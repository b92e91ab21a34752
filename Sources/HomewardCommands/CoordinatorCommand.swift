import ArgumentParser
import HomewardCluster
import HomewardDriver
import HomewardOps

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
            cluster.coordinator.rebind(parts)
        } else if ephemeralPorts {
            cluster.coordinator.rebindToFreeLoopbackPorts()
        }
        try await CoordinatorProcess.run(
            config: cluster, configPath: config.config, ops: ops.endpoint(configured: cluster.coordinator.opsEndpoint),
            opsEndpointFile: ops.opsEndpointFile, databasePath: config.databasePath(database),
            provinces: GeoData(directory: GeoData.directory(forConfig: config.config)).provinces,
            endpointsFile: endpointsFile, metrics: MetricsSetup.bootstrap())
    }
}

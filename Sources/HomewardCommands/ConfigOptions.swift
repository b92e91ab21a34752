import ArgumentParser
import ClusterCore
import HomewardBasics
import HomewardSecurity
import HomewardStore

/// `--config`: the cluster config every command reads endpoints and settings from.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Cluster config file (JSON).")
    var config: String = "cluster-config/local.json"

    /// An unreadable or invalid config is a runtime failure (78), not a usage error.
    func load() throws -> ClusterConfig {
        do {
            return try ClusterConfig.load(path: config)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.config, message: error.description)
        }
    }

    func securityPaths() throws -> SecurityPaths { SecurityPaths(config: try load(), configPath: config) }

    /// The coordinator database: `given` on the command line, else the config's.
    func databasePath(_ given: String?) throws -> String {
        try given ?? DatabaseLocation.resolve(load().coordinator.database, configPath: config)
    }
}

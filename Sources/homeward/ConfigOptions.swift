import ArgumentParser
import ClusterCore
import Foundation

/// `--config`: the cluster config every command reads endpoints and settings from.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Cluster config file (JSON).")
    var config: String = "cluster-config/local.json"

    func load() throws -> ClusterConfig {
        do {
            return try ClusterConfig.load(path: config)
        } catch {
            throw CLIFailure(exitCode: CLIFailure.config, message: error.description)
        }
    }
}

/// Where an operator command sends its request.
struct ClientOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Option(name: .long, help: "Coordinator client endpoint (default: from the config).")
    var endpoint: String?

    @Option(name: .long, help: "Seconds to wait for the reply.")
    var timeout: Int = 10

    func clientEndpoint() throws -> String { try endpoint ?? config.load().coordinator.clientEndpoint }
}

import ArgumentParser
import ClusterCore
import Foundation

/// `homeward config check FILE`: the checks the coordinator and workers run at start.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with cluster config files.",
        subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a cluster config as the coordinator and workers would, and refuse unknown keys.",
            discussion: """
                Exits 0 and prints a summary when the file is valid; otherwise prints the problem
                (for an unknown key: its JSON path and the nearest known key) and exits 1.
                """)

        @Argument(help: "The config file (JSON).")
        var file: String

        func run() async throws {
            let config: ClusterConfig
            do {
                config = try ClusterConfig.load(path: file)
            } catch {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                throw ExitCode.failure
            }
            let map = try config.shardMap()
            print("\(file): valid")
            print("  coordinator: clients \(config.coordinator.clientEndpoint), workers \(config.coordinator.workerEndpoint), ops \(config.coordinator.opsEndpoint)")
            print("  workers: \(config.workers.count) (\(config.workers.map(\.id.rawValue).joined(separator: ", ")))")
            for shard in map.shards {
                print("  shard \(shard.id): \(shard.provinces.count) provinces on \(shard.replicas.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }
}

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
            print(try config.summary(file: file))
        }
    }
}

import ArgumentParser
import Foundation
import HomewardBasics
import HomewardBench
import HomewardFuzz
import HomewardOps

/// The root command of the one executable: every process role and every
/// operator command (`Sources/homeward` only calls `main()`).
public struct Homeward: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "homeward",
        abstract: "Match sightings of children against missing-child cases, across a cluster.",
        discussion: """
            Start with `homeward demo`: it runs a local cluster on loopback with generated data.
            Each role and operator task is a subcommand; add --help to any of them.

            \(CommandFailure.exitCodeHelp) Any other failure (a coordinator or worker that cannot \
            start, for example) prints its error and exits 1.
            """,
        version: BuildInfo.text,
        subcommands: [
            DemoCommand.self, CoordinatorCommand.self, WorkerCommand.self, CaseCommand.self, SightingCommand.self,
            AlertsCommand.self, ReviewCommand.self, StatusCommand.self, GeoCommand.self, PhotoCommand.self,
            ConsoleCommand.self, Bench.self, LoadTestCommand.self, FuzzCommand.self, ConfigCommand.self, BackupCommand.self,
            RestoreCommand.self, KeysCommand.self, AuditCommand.self,
        ]
    )

    /// ArgumentParser's own loop, except that a runtime failure (`CommandFailure`)
    /// prints its message alone and exits with its code: usage text and 64 are
    /// for argument errors only (ArgumentParser's, and `CommandFailure.usage`).
    public init() {}

    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure where failure.exitCode == CommandFailure.usage {
            exit(withError: ValidationError(failure.message))
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("homeward: \(failure.message)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}

import ArgumentParser
import HomewardBench
import HomewardFuzz

/// The one executable: every process role and every operator command.
@main
struct Homeward: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "homeward",
        abstract: "Match sightings of children against missing-child cases, across a cluster.",
        discussion: """
            Start with `homeward demo`: it runs a local cluster on loopback with generated data.
            Each role and operator task is a subcommand; add --help to any of them.
            """,
        subcommands: [
            DemoCommand.self, CoordinatorCommand.self, WorkerCommand.self, CaseCommand.self, SightingCommand.self,
            AlertsCommand.self, ReviewCommand.self, StatusCommand.self, ConsoleCommand.self, Bench.self, LoadTestCommand.self,
            FuzzCommand.self, KeysCommand.self, AuditCommand.self,
        ]
    )
}

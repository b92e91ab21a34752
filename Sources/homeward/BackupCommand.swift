import ArgumentParser
import ClusterCore
import Foundation
import HomewardStore

/// `homeward backup --to FILE`: a consistent copy of the coordinator's
/// database while it runs (SQLite online backup from this process; see
/// `SQLiteBackup` and docs/operations.md).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the coordinator's database, consistently, while the coordinator runs.",
        discussion: """
            Run it on the coordinator's host (it reads the database file beside the running
            coordinator; intake goes on). The copy is checked and written whole or not at all.
            Restore with `homeward restore --from FILE` while the coordinator is stopped.
            """)

    @OptionGroup var config: ConfigOptions

    @Option(help: "The coordinator's database (default: from the config, relative to the config's folder).")
    var database: String?

    @Option(help: "Where to write the backup (replaced if it exists).")
    var to: String

    func run() async throws {
        let source = try DatabaseLocation.path(database, config: config)
        let started = ContinuousClock.now
        let summary = try SQLiteBackup.copy(from: source, to: to)
        let took = ContinuousClock.now - started
        print("backed up \(source) to \(to): \(summary.cases) cases, \(summary.sightings) sightings, "
              + "\(summary.bytes / 1024) KiB, schema \(summary.schemaVersion), in \(took.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
    }
}

import ArgumentParser
import Foundation
import HomewardStore

/// `homeward restore --from FILE`: puts a backup in place of the database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the coordinator's database with a backup (stop the coordinator first).",
        discussion: """
            Checks the backup, moves the current database (and its -wal, -shm files) aside to
            DATABASE.before-restore-TIME, and copies the backup in. Start the coordinator after:
            it queues again every sighting the backup holds unmatched, and numbers each alert
            topic on from the backup's last sequence.
            """)

    @OptionGroup var config: ConfigOptions

    @Option(help: "The coordinator's database (default: from the config, relative to the config's folder).")
    var database: String?

    @Option(help: "The backup file to restore.")
    var from: String

    func run() async throws {
        let target = try DatabaseLocation.path(database, config: config)
        let (summary, aside) = try SQLiteBackup.restore(from: from, to: target, now: Int64(Date().timeIntervalSince1970))
        if let aside { print("moved the previous database aside to \(aside)") }
        print("restored \(from) to \(target): \(summary.cases) cases, \(summary.sightings) sightings, schema \(summary.schemaVersion)")
    }
}

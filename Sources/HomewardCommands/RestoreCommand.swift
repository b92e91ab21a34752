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
        let lines = try SQLiteBackup.restoreDescribed(from: from, to: config.databasePath(database), now: Int64(Date().timeIntervalSince1970))
        for line in lines { print(line) }
    }
}

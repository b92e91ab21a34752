import ArgumentParser
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
        print(try SQLiteBackup.copyDescribed(from: config.databasePath(database), to: to))
    }
}

import Foundation

extension SQLiteBackup {
    /// `homeward backup`: copies the database and says what the copy holds and how long it took.
    public static func copyDescribed(from source: String, to destination: String) throws -> String {
        let started = ContinuousClock.now
        let summary = try copy(from: source, to: destination)
        let took = ContinuousClock.now - started
        return "backed up \(source) to \(destination): \(summary.cases) cases, \(summary.sightings) sightings, "
            + "\(summary.bytes / 1024) KiB, schema \(summary.schemaVersion), in \(took.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))"
    }

    /// `homeward restore`: restores the backup and says where the previous database went and what the restored one holds.
    public static func restoreDescribed(from backup: String, to database: String, now: Int64) throws -> [String] {
        let (summary, aside) = try restore(from: backup, to: database, now: now)
        return (aside.map { ["moved the previous database aside to \($0)"] } ?? [])
            + ["restored \(backup) to \(database): \(summary.cases) cases, \(summary.sightings) sightings, schema \(summary.schemaVersion)"]
    }
}

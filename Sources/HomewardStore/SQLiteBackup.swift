import CSQLite
import Foundation

/// Copies a live coordinator database with SQLite's online backup API.
///
/// Runs in its own process beside the coordinator: in WAL mode a reader in
/// another process sees one consistent snapshot while the writer goes on, so
/// the copy is consistent and intake never stops. The whole copy is one
/// backup step (one read transaction): the WAL grows meanwhile and is
/// checkpointed after. The copy is written to `FILE.partial`, checked
/// (`PRAGMA quick_check`), synced and renamed: a FILE that exists is whole.
public enum SQLiteBackup {
    public struct Summary: Sendable, Equatable {
        public var bytes: Int
        public var pages: Int
        public var schemaVersion: Int
        public var cases: Int
        public var sightings: Int
    }

    public static func copy(from source: String, to destination: String) throws -> Summary {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError.backup("there is no database at \(source)")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let from = try SQLiteDatabase(path: source)
        defer { from.close() }
        try from.execute("PRAGMA busy_timeout=5000")
        let to = try SQLiteDatabase(path: partial)
        var closed = false
        defer { if !closed { to.close() } }
        guard let backup = sqlite3_backup_init(to.handle, "main", from.handle, "main") else {
            throw StoreError.backup("starting the backup failed: \(String(cString: sqlite3_errmsg(to.handle)))")
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { usleep(20_000) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        let pages = Int(sqlite3_backup_pagecount(backup))
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            throw StoreError.backup("copying failed: \(String(cString: sqlite3_errstr(rc)))")
        }
        // A single self-contained file: no -wal beside the backup.
        try to.execute("PRAGMA journal_mode=DELETE")
        let summary = try check(to, path: partial, pages: pages)
        to.close()
        closed = true
        try sync(partial)
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
        return summary
    }

    /// Replaces the database at `database` with a copy of `backup` (checked first).
    /// The coordinator must be stopped. The database it replaces, with its -wal
    /// and -shm files, is moved aside (returned), never deleted.
    public static func restore(from backup: String, to database: String, now: Int64) throws -> (summary: Summary, movedAside: String?) {
        _ = try verify(backup)
        var aside: String?
        if FileManager.default.fileExists(atPath: database) {
            let target = "\(database).before-restore-\(now)"
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.moveItem(atPath: database + suffix, toPath: target + suffix)
            }
            aside = target
        }
        return (try copy(from: backup, to: database), aside)
    }

    /// Verifies a backup file (integrity and schema) without changing it.
    public static func verify(_ path: String) throws -> Summary {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.backup("there is no backup at \(path)") }
        let db = try SQLiteDatabase(path: path)
        defer { db.close() }
        let pages = Int(try db.prepare("PRAGMA page_count").rows { $0.int64(0) }.first ?? 0)
        return try check(db, path: path, pages: pages)
    }

    private static func check(_ db: SQLiteDatabase, path: String, pages: Int) throws -> Summary {
        let verdict = try db.prepare("PRAGMA quick_check").rows { $0.text(0) }
        guard verdict == ["ok"] else { throw StoreError.backup("\(path) fails its integrity check: \(verdict.prefix(3).joined(separator: "; "))") }
        let version = try? db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").rows { $0.int64(0) }.first
        guard let version, version > 0 else { throw StoreError.backup("\(path) is not a coordinator database (no schema_migrations)") }
        guard Int(version) <= CoordinatorSchema.migrations.count else {
            throw StoreError.newerSchema(database: Int(version), known: CoordinatorSchema.migrations.count)
        }
        let cases = Int(try db.prepare("SELECT COUNT(*) FROM cases").rows { $0.int64(0) }[0])
        let sightings = Int(try db.prepare("SELECT COUNT(*) FROM sightings").rows { $0.int64(0) }[0])
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Summary(bytes: bytes, pages: pages, schemaVersion: Int(version), cases: cases, sightings: sightings)
    }

    /// fsync, so that the rename never exposes a file whose pages are not on disk.
    private static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw StoreError.backup("cannot open \(path) to sync it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.backup("syncing \(path) failed") }
    }
}

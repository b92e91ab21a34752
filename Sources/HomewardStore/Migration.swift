/// A numbered schema change. Applied in order, each in its own transaction,
/// recorded in `schema_migrations`; never edited once released.
public struct Migration: Sendable {
    public var version: Int
    public var sql: String

    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }

    static func apply(_ migrations: [Migration], to database: SQLiteDatabase) throws {
        for (i, m) in migrations.enumerated() where m.version != i + 1 {
            throw StoreError.migrationGap(expected: i + 1, found: m.version)
        }
        try database.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
        let current = try database.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").rows { $0.int64(0) }.first ?? 0
        guard current <= migrations.count else {
            throw StoreError.newerSchema(database: Int(current), known: migrations.count)
        }
        for m in migrations.dropFirst(Int(current)) {
            try database.transaction {
                try database.execute(m.sql)
                try database.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, strftime('%s','now'))").run([.integer(Int64(m.version))])
            }
        }
    }
}

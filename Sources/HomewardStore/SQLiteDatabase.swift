import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One SQLite connection. Not thread-safe: owned by one thread (the store's writer).
///
/// Every call that returns a result code goes through `check`, the one place that
/// turns codes into `SQLiteError` with the connection's message.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    private var statementCache: [String: SQLiteStatement] = [:]
    /// Keys for sealed personal data and the audit chain (issue 13), set by
    /// the owner right after opening; nil: plain columns, an unkeyed chain.
    public var keys: StoreKeys?

    public init(path: String) throws(SQLiteError) {
        // A new database file is created 0600 first: SQLite gives its -wal and
        // -shm files the main file's mode, so none of them is readable by others.
        if !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:") {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { Glibc.close(fd) }
        }
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message, context: "opening the database at \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    private var isClosed = false

    deinit { close() }

    /// Finalizes cached statements and closes the connection; later calls do nothing.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    @discardableResult
    func check(_ rc: Int32, _ context: @autoclosure () -> String) throws(SQLiteError) -> Int32 {
        if rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE { return rc }
        throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), context: context())
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message, context: "executing \(sql.prefix(60))")
        }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil), "preparing \(sql.prefix(60))")
        return SQLiteStatement(database: self, handle: statement!)
    }

    /// A prepared statement kept for reuse: hot paths run the same SQL thousands of times.
    public func cached(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let statement = statementCache[sql] { return statement }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

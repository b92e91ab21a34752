import CSQLite

/// An SQLite failure: the result code, SQLite's own message and what we were doing.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var context: String

    public var description: String { "SQLite error \(code) while \(context): \(message)" }

    /// SQLITE_CONSTRAINT and its extended codes: a uniqueness or check violation.
    public var isConstraintViolation: Bool { code & 0xff == SQLITE_CONSTRAINT }
}

/// The coordinator's queries, run inside `SQLiteWriter` jobs.
///
/// Each function does one logical change completely or throws, so a job that
/// calls it is rolled back whole by its savepoint: nothing is half-stored.
public struct CoordinatorStore {
    public let db: SQLiteDatabase
    public init(_ db: SQLiteDatabase) { self.db = db }

    static func text(_ s: String?) -> SQLiteStatement.Value { s.map { .text($0) } ?? .null }
    static func int(_ v: Int64?) -> SQLiteStatement.Value { v.map { .integer($0) } ?? .null }
    static func blob(_ v: [UInt8]?) -> SQLiteStatement.Value { v.map { .blob($0) } ?? .null }
    static func id(_ v: UInt64) -> SQLiteStatement.Value { .integer(Int64(bitPattern: v)) }
    static func joinMarks(_ marks: [String]) -> String { marks.joined(separator: ",") }
    static func splitMarks(_ text: String) -> [String] { text.isEmpty ? [] : text.split(separator: ",").map(String.init) }

    /// Largest case and sighting ids in use, to continue numbering after a restart.
    public func maxIDs() throws -> (cases: UInt64, sightings: UInt64) {
        let c = try db.cached("SELECT COALESCE(MAX(id), 0) FROM cases").rows { UInt64($0.int64(0)) }[0]
        let s = try db.cached("SELECT COALESCE(MAX(id), 0) FROM sightings").rows { UInt64($0.int64(0)) }[0]
        return (c, s)
    }

    /// Appends to the audit log (review decisions, reads of personal data).
    /// `reason` is the operator's stated purpose or the reviewer's reason.
    public func audit(actor: String, action: String, subject: String, reason: String, at: Int64) throws {
        try db.cached("INSERT INTO audit_log (at, actor, action, subject, reason) VALUES (?, ?, ?, ?, ?)")
            .run([.integer(at), .text(actor), .text(action), .text(subject), .text(reason)])
    }

    public func auditLog() throws -> [AuditEntry] {
        try db.cached("SELECT at, actor, action, subject, reason FROM audit_log ORDER BY id").rows {
            AuditEntry(at: $0.int64(0), actor: $0.text(1), action: $0.text(2), subject: $0.text(3), reason: $0.text(4))
        }
    }

    /// The stored reply for a client request id already answered, if any.
    public func reply(forRequest requestID: String) throws -> [UInt8]? {
        try db.cached("SELECT reply FROM client_requests WHERE request_id = ?").rows([.text(requestID)]) { $0.blob(0) }.first
    }

    public func saveReply(_ reply: [UInt8], forRequest requestID: String, at: Int64) throws {
        try db.cached("INSERT OR REPLACE INTO client_requests (request_id, reply, answered_at) VALUES (?, ?, ?)")
            .run([.text(requestID), .blob(reply), .integer(at)])
    }
}

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

    /// Appends to the audit log, chained to the entry before it (`AuditChain`).
    /// `reason` is the stated purpose, the reviewer's reason or why a request was refused.
    public func audit(actor: String, role: String = "", action: String, subject: String, reason: String, at: Int64) throws {
        let last = try db.cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .rows { (id: $0.int64(0), hash: $0.isNull(1) ? nil : $0.blob(1)) }.first
        var entry = AuditEntry(id: (last?.id ?? 0) + 1, at: at, actor: actor, role: role, action: action, subject: subject, reason: reason)
        entry.previousHash = last?.hash ?? AuditChain.genesis
        entry.hash = AuditChain.hash(entry, previous: entry.previousHash, keys: db.keys)
        try db.cached("INSERT INTO audit_log (id, at, actor, role, action, subject, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .run([.integer(entry.id), .integer(at), .text(actor), .text(role), .text(action), .text(subject), .text(reason),
                  .blob(entry.previousHash), .blob(entry.hash)])
    }

    /// Every audit entry in id order, with its chain hashes (nil for rows from before the chain).
    public func auditLog() throws -> [AuditEntry] {
        try db.cached("SELECT id, at, actor, role, action, subject, reason, prev_hash, hash FROM audit_log ORDER BY id").rows {
            var e = AuditEntry(id: $0.int64(0), at: $0.int64(1), actor: $0.text(2), role: $0.text(3), action: $0.text(4),
                               subject: $0.text(5), reason: $0.text(6))
            e.previousHash = $0.isNull(7) ? [] : $0.blob(7)
            e.hash = $0.isNull(8) ? [] : $0.blob(8)
            return e
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

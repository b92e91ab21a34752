import Foundation

/// The audit log of a coordinator database file, as `homeward audit` shows
/// and verifies it (the coordinator may be running: it only reads).
public struct AuditLogFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public func entries() throws -> [AuditEntry] {
        let db = try SQLiteDatabase(path: path)
        defer { db.close() }
        return try CoordinatorStore(db).auditLog()
    }

    /// `audit show`: one tab-separated line per entry at or after `since`
    /// (Unix seconds), of `identity` when given: id, time, identity, role, action, subject, reason.
    public func lines(since: Int64, identity: String?) throws -> [String] {
        let formatter = ISO8601DateFormatter()
        return try entries().filter { $0.at >= since && (identity == nil || $0.actor == identity) }.map { e in
            let when = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(e.at)))
            return "\(e.id)\t\(when)\t\(e.actor)\t\(e.role.isEmpty ? "-" : e.role)\t\(e.action)\t\(e.subject)\t\(e.reason)"
        }
    }

    /// `audit verify`: checks the hash chain, keyed by the data key at
    /// `dataKeyPath` (the chain is checked unkeyed, with a warning, when that file is absent).
    public func verify(dataKeyPath: String) throws -> (lines: [String], intact: Bool) {
        let entries = try entries()
        let keys = FileManager.default.fileExists(atPath: dataKeyPath) ? try StoreKeys.load(path: dataKeyPath) : nil
        var lines: [String] = []
        if keys == nil { lines.append("warning: no data key found; checking the chain unkeyed (an appended forgery would pass)") }
        if let broken = AuditChain.verify(entries, keys: keys) {
            return (lines + ["audit log BROKEN at \(broken)"], false)
        }
        let head = entries.last.map { $0.hash.map { String(format: "%02x", $0) }.joined() } ?? "-"
        return (lines + ["audit log intact: \(entries.count) entries, head \(head)"], true)
    }
}

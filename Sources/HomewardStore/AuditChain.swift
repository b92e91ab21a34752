import Crypto

/// The audit log's hash chain (as in Certificate Transparency's logs): each
/// entry's hash covers its id, every field and the hash of the entry before,
/// so changing, deleting, inserting or reordering a row breaks the chain at
/// that row, whatever the database's triggers say. Pure: `verify` takes rows.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// SHA-256 of the entry and the previous hash or, with `keys`, their
    /// HMAC under the audit key (then only a holder of the data key can write
    /// a consistent chain, even at its end).
    public static func hash(_ e: AuditEntry, previous: [UInt8], keys: StoreKeys? = nil) -> [UInt8] {
        var message = Array("homeward-audit-v1".utf8) + previous
        func append(_ v: UInt64) { withUnsafeBytes(of: v.bigEndian) { message += $0 } }
        append(UInt64(bitPattern: e.id))
        append(UInt64(bitPattern: e.at))
        for field in [e.actor, e.role, e.action, e.subject, e.reason] {
            let bytes = Array(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { message += $0 }
            message += bytes
        }
        if let keys { return keys.auditMAC(message) }
        return Array(SHA256.hash(data: message))
    }

    /// The first entry where the chain breaks, and why.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        /// Row id of the entry (as stored).
        public var id: Int64
        /// Its position in id order, from 1.
        public var position: Int
        public var problem: String
        public var description: String { "audit entry \(id) (position \(position)): \(problem)" }
    }

    /// Checks entries in id order; nil when the chain is intact.
    public static func verify(_ entries: [AuditEntry], keys: StoreKeys? = nil) -> Break? {
        var previous = genesis
        var chained = false
        var lastID: Int64 = 0
        for (i, e) in entries.enumerated() {
            let position = i + 1
            if e.hash.isEmpty && e.previousHash.isEmpty {
                // Rows written before the chain existed may only precede it.
                if chained { return Break(id: e.id, position: position, problem: "an unchained row after chained ones (inserted)") }
                lastID = e.id
                continue
            }
            if chained && e.id != lastID + 1 {
                return Break(id: e.id, position: position, problem: "ids jump from \(lastID) to \(e.id) (a row was deleted or reordered)")
            }
            guard e.previousHash == previous else {
                return Break(id: e.id, position: position, problem: "its previous-hash does not match the entry before (a row was deleted, inserted or reordered)")
            }
            guard hash(e, previous: previous, keys: keys) == e.hash else {
                return Break(id: e.id, position: position, problem: "its content does not match its hash (the row was changed\(keys == nil ? "" : ", or this is not the database's data key"))")
            }
            previous = e.hash
            lastID = e.id
            chained = true
        }
        return nil
    }
}

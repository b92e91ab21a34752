/// One line of the append-only, hash-chained audit log.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    /// The authenticated identity (key name) that acted.
    public var actor: String
    /// That key's role ("" for entries from before roles were recorded).
    public var role: String
    public var action: String
    public var subject: String
    /// The stated purpose, the reviewer's reason, or why a request was refused.
    public var reason: String
    /// The hash of the entry before (`AuditChain.genesis` for the first); empty on legacy rows.
    public var previousHash: [UInt8] = []
    /// `AuditChain.hash(self, previous: previousHash)`; empty on legacy rows.
    public var hash: [UInt8] = []

    public init(id: Int64 = 0, at: Int64, actor: String, role: String = "", action: String, subject: String, reason: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.role = role
        self.action = action
        self.subject = subject
        self.reason = reason
    }
}

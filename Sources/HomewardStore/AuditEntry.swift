/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Equatable {
    public var at: Int64
    public var actor: String
    public var action: String
    public var subject: String
    public var reason: String
}

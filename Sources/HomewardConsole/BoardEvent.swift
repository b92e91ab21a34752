/// One entry of the console's event log, which server-sent events replay.
/// `id` is the board's own number (epoch-sequence in the SSE id), because a
/// page follows many province topics at once; the board itself consumes each
/// topic in sequence order with catch-up, so its log has no gaps either.
public struct BoardEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case alert, decision, closed, reopened
    }
    public var id: UInt64
    public var kind: Kind
    /// The alert as it is after this event (for `closed`: each alert of the case).
    public var alert: BoardAlert
}

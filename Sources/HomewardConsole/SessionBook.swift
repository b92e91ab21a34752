/// Signed-in sessions: a random id (the HttpOnly cookie) maps to a user name
/// and a CSRF token; idle sessions expire. Pure: the caller passes the time.
public struct SessionBook: Sendable {
    public struct Session: Sendable, Equatable {
        public let user: String
        public let csrf: String
        public var lastSeen: Int64
    }

    public let idleSeconds: Int64
    private var sessions: [String: Session] = [:]

    public init(idleSeconds: Int64 = 8 * 3600) { self.idleSeconds = idleSeconds }

    /// Opens a session; returns its id (for the cookie).
    public mutating func open(user: String, now: Int64, id: String, csrf: String) -> String {
        sessions = sessions.filter { now - $0.value.lastSeen < idleSeconds }
        sessions[id] = Session(user: user, csrf: csrf, lastSeen: now)
        return id
    }

    /// The live session for this cookie value, refreshed; nil if unknown or idle too long.
    public mutating func touch(id: String, now: Int64) -> Session? {
        guard var session = sessions[id] else { return nil }
        guard now - session.lastSeen < idleSeconds else {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = now
        sessions[id] = session
        return session
    }

    public mutating func close(id: String) { sessions[id] = nil }

    public var count: Int { sessions.count }
}

import HomewardProtocol

/// Why a client call failed.
public enum ClientError: Error, CustomStringConvertible, Sendable {
    /// The coordinator answered with an error.
    case rejected(Homeward_V1_Error)
    /// No reply within the timeout (the request may still have been stored:
    /// retry with the same request id, which is idempotent).
    case timedOut(requestID: String, afterMilliseconds: Int)
    /// The reply could not be decoded.
    case badReply(String)
    /// The request never left this client: its send queue is full because the
    /// coordinator stopped reading (back-pressure). Nothing was stored; retry later.
    case notSent(String)
    case closed

    public var description: String {
        switch self {
        case .rejected(let e): "coordinator rejected the request: \(e.code) \(e.field.isEmpty ? "" : "at \(e.field): ")\(e.message)"
        case .timedOut(let id, let ms): "no reply to request \(id) within \(ms) ms; retry with the same request id"
        case .badReply(let why): "the coordinator's reply could not be read: \(why)"
        case .notSent(let why): "the request was not sent (the coordinator is not reading; retry later): \(why)"
        case .closed: "the client is closed"
        }
    }
}

extension ClientError {
    /// Sending the same request id again may succeed: it was not sent, or its
    /// answer did not come in time (the request id makes a retry idempotent).
    public var isRetryable: Bool {
        switch self {
        case .notSent, .timedOut: true
        case .rejected(let e): e.code == .retryLater || e.code == .unavailable
        case .badReply, .closed: false
        }
    }
}

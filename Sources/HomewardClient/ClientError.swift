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
    case closed

    public var description: String {
        switch self {
        case .rejected(let e): "coordinator rejected the request: \(e.code) \(e.field.isEmpty ? "" : "at \(e.field): ")\(e.message)"
        case .timedOut(let id, let ms): "no reply to request \(id) within \(ms) ms; retry with the same request id"
        case .badReply(let why): "the coordinator's reply could not be read: \(why)"
        case .closed: "the client is closed"
        }
    }
}

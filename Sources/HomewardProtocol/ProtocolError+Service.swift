/// Rejections the coordinator decides (state, load, permissions), as opposed
/// to the validators' rejections of the message itself.
extension ProtocolError {
    /// Back-pressure: the request was not stored; retry after `afterMs`.
    public static func retryLater(afterMs: UInt32, _ message: String, requestID: String = "") -> ProtocolError {
        ProtocolError(.retryLater, field: "", message, requestID: requestID, retryAfterMs: afterMs)
    }

    public static func notFound(field: String, _ message: String, requestID: String = "") -> ProtocolError {
        ProtocolError(.notFound, field: field, message, requestID: requestID)
    }

    public static func alreadyExists(field: String, _ message: String, requestID: String = "") -> ProtocolError {
        ProtocolError(.alreadyExists, field: field, message, requestID: requestID)
    }

    public static func unauthorized(_ message: String, requestID: String = "") -> ProtocolError {
        ProtocolError(.unauthorized, field: "", message, requestID: requestID)
    }

    public static func unavailable(_ message: String, requestID: String = "") -> ProtocolError {
        ProtocolError(.unavailable, field: "", message, requestID: requestID)
    }

    public static func `internal`(_ message: String, requestID: String = "") -> ProtocolError {
        ProtocolError(.internalError, field: "", message, requestID: requestID)
    }
}

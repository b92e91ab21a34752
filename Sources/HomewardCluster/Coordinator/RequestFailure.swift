import HomewardProtocol
import Logging

/// The reply to a client request that failed: its specific error (an
/// unexpected one logged and answered INTERNAL), and whether it counts as
/// rejected (every error but RETRY_LATER does).
enum RequestFailure {
    static func reply(_ error: any Error, requestID: String, logger: Logger) -> (reply: Homeward_V1_Reply, rejected: Bool) {
        guard var error = error as? ProtocolError else {
            logger.error("request failed", metadata: ["error": "\(error)"])
            let internalError = ProtocolError(.internalError, field: "", "the coordinator failed to handle the request: \(error)", requestID: requestID)
            return (ClientCodec.errorReply(internalError), true)
        }
        if error.requestID.isEmpty { error.requestID = requestID }
        return (ClientCodec.errorReply(error), error.code != .retryLater)
    }
}

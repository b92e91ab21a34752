import ZeroMQ

/// Where and how an operator command reaches the coordinator: its client
/// endpoint, the reply timeout and the CURVE settings (nil in plain text).
public struct ClientConnection: Sendable {
    public var endpoint: String
    public var timeoutMilliseconds: Int
    public var curve: ZMQCurveRole?

    public init(endpoint: String, timeoutMilliseconds: Int, curve: ZMQCurveRole?) {
        self.endpoint = endpoint
        self.timeoutMilliseconds = timeoutMilliseconds
        self.curve = curve
    }
}

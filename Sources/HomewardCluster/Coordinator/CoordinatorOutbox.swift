import HomewardProtocol

/// Where a coordinator's messages go. Each closure hands frames to the socket
/// loop that owns the socket; none of them blocks.
public struct CoordinatorOutbox: Sendable {
    /// A reply to a client: routing frames, empty delimiter, body.
    public var toClient: @Sendable ([Frame]) -> Void
    /// A message to a worker: its routing id, empty delimiter, body.
    public var toWorker: @Sendable ([Frame]) -> Void
    /// An alert-stream message: topic frame, event frame.
    public var publish: @Sendable ([Frame]) -> Void

    public init(toClient: @escaping @Sendable ([Frame]) -> Void, toWorker: @escaping @Sendable ([Frame]) -> Void,
                publish: @escaping @Sendable ([Frame]) -> Void) {
        self.toClient = toClient
        self.toWorker = toWorker
        self.publish = publish
    }
}

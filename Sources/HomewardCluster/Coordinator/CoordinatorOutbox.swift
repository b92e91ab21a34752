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
    /// Sees every client reply before it is sent (metrics and the refusal log: `CoordinatorMetrics.observer`).
    public var observeReply: @Sendable (_ isSubmission: Bool, _ reply: Homeward_V1_Reply, _ since: ContinuousClock.Instant) -> Void = { _, _, _ in }

    public init(toClient: @escaping @Sendable ([Frame]) -> Void, toWorker: @escaping @Sendable ([Frame]) -> Void,
                publish: @escaping @Sendable ([Frame]) -> Void) {
        self.toClient = toClient
        self.toWorker = toWorker
        self.publish = publish
    }

    /// Observes a client reply, then sends it to `route`.
    func reply(_ reply: Homeward_V1_Reply, to route: [Frame], isSubmission: Bool, since started: ContinuousClock.Instant) {
        observeReply(isSubmission, reply, started)
        toClient(Frames.join(route: route, body: ClientCodec.encode(reply)))
    }
}

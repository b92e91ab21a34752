/// A received multipart message: its frames, copied out of libzmq's buffers
/// (each `zmq_msg_t` is closed right after the copy), and the `User-Id` the ZAP
/// handler assigned to the peer, when the socket authenticates with CURVE.
public struct ZMQMessage: Sendable, Equatable {
    public var frames: [[UInt8]]
    public var userID: String?
    /// When a `ZMQSocketLoop` read it (`ZMQLoopContext.nowNs()`, monotonic), so
    /// consumers can tell how long it queued; 0 for direct socket reads.
    public var receivedAtNs: UInt64

    public init(frames: [[UInt8]], userID: String? = nil, receivedAtNs: UInt64 = 0) {
        self.frames = frames
        self.userID = userID
        self.receivedAtNs = receivedAtNs
    }
}

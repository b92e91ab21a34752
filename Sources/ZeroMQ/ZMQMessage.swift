/// A received multipart message: its frames, copied out of libzmq's buffers
/// (each `zmq_msg_t` is closed right after the copy), and the `User-Id` the ZAP
/// handler assigned to the peer, when the socket authenticates with CURVE.
public struct ZMQMessage: Sendable, Equatable {
    public var frames: [[UInt8]]
    public var userID: String?

    public init(frames: [[UInt8]], userID: String? = nil) {
        self.frames = frames
        self.userID = userID
    }
}

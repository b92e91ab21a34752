import Synchronization

/// A `ZAPPolicy` that can change while the ZAP handler serves it (keys added
/// or revoked at run time). The handler reads it on the socket loop thread.
public final class ZAPAuthenticator: Sendable {
    private let policy: Mutex<ZAPPolicy>
    /// Every decision, in order, for tests and audit counters.
    private let counts = Mutex<(allowed: Int, refused: Int)>((0, 0))

    public init(_ policy: ZAPPolicy = ZAPPolicy()) {
        self.policy = Mutex(policy)
    }

    public func update(_ change: (inout ZAPPolicy) -> Void) {
        policy.withLock { change(&$0) }
    }

    public var currentPolicy: ZAPPolicy { policy.withLock { $0 } }

    public var decisionCounts: (allowed: Int, refused: Int) { counts.withLock { $0 } }

    /// Answers one ZAP request given as raw frames; malformed requests are refused with 500 semantics.
    public func reply(to frames: [[UInt8]]) -> [[UInt8]] {
        let reply: ZAPReply
        do {
            let request = try ZAPRequest(frames: frames)
            reply = policy.withLock { $0.decide(request) }
        } catch {
            let id = frames.count > 1 ? frames[1] : []
            reply = ZAPReply(requestID: id, statusCode: "500", statusText: "malformed ZAP request", userID: "")
        }
        counts.withLock { reply.isAllowed ? ($0.allowed += 1) : ($0.refused += 1) }
        return reply.frames
    }

    /// The endpoint libzmq sends ZAP requests to, in the server socket's context.
    public static let endpoint = "inproc://zeromq.zap.01"
}

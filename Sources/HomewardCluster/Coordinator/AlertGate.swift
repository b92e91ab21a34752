import ClusterCore
import HomewardProtocol
import HomewardSecurity
import Logging
import Synchronization
import ZeroMQ

/// Enforces who receives which alert topic. The alerts socket is a CURVE XPUB
/// with `ZMQ_XPUB_MANUAL`: each subscription frame arrives here with the
/// subscriber's `User-Id`, and only the topics `AccessPolicy` allows that key
/// are subscribed, for that subscriber alone (a SUB-side filter enforces
/// nothing). Runs on the socket loop thread; refusals go to `refusals` for the audit log.
final class AlertGate: Sendable {
    let access: AccessControl
    let logger: Logger
    private let continuation: AsyncStream<Refusal>.Continuation
    let refusals: AsyncStream<Refusal>
    /// The socket now bound (replaced when a revocation reopens it).
    private let current = Mutex<ZMQSocketID?>(nil)

    struct Refusal: Sendable {
        var name: String
        var role: String
        var topic: String
    }

    init(access: AccessControl, logger: Logger) {
        self.access = access
        self.logger = logger
        let (stream, continuation) = AsyncStream<Refusal>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        refusals = stream
        self.continuation = continuation
    }

    var socket: ZMQSocketID? { current.withLock { $0 } }
    func use(_ id: ZMQSocketID) { current.withLock { $0 = id } }

    /// One subscription message: byte 0 is 1 (subscribe) or 0 (unsubscribe), then the topic prefix.
    func handle(_ loop: ZMQLoopContext, _ id: ZMQSocketID, _ message: ZMQMessage) {
        guard let frame = message.frames.first, let kind = frame.first, kind <= 1, let socket = loop.socket(id) else { return }
        let prefix = String(decoding: frame.dropFirst(), as: UTF8.self)
        let topics: [String]
        if access.isPlain {
            topics = [prefix]
        } else if let principal = access.principal(userID: message.userID) {
            topics = AccessPolicy.topics(for: principal, prefix: prefix, nationalTopic: NationalTopic.code)
            if topics.isEmpty && kind == 1 {
                continuation.yield(Refusal(name: principal.name, role: principal.role.rawValue, topic: prefix.isEmpty ? "(all)" : prefix))
            }
        } else {
            topics = []
            if kind == 1 { continuation.yield(Refusal(name: message.userID ?? "(unknown)", role: "", topic: prefix)) }
        }
        // Applies to the pipe this frame came from: decided before the next frame is read.
        for topic in topics {
            do {
                if kind == 1 { try socket.subscribe(Array(topic.utf8)) } else { try socket.unsubscribe(Array(topic.utf8)) }
            } catch {
                logger.warning("alert subscription not applied", metadata: ["error": "\(error)"])
            }
        }
    }

    func finish() { continuation.finish() }
}

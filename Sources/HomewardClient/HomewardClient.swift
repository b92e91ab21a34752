import Foundation
import HomewardProtocol
import ZeroMQ

/// A client of a coordinator's request socket (DEALER to its ROUTER).
///
/// Replies are matched to requests by request id, so many requests can be in
/// flight at once. `call` awaits the reply; `send` takes a callback, which a
/// load generator uses to keep its arrivals open-loop. The socket lives on its
/// own socket-loop thread; callbacks run on that thread and must be quick.
public final class HomewardClient: Sendable {
    public typealias Completion = @Sendable (Result<Homeward_V1_Reply, ClientError>) -> Void

    private let loop: ZMQSocketLoop
    private let socket: ZMQSocketID
    private let waiting: PendingReplies
    public let timeoutMilliseconds: Int

    public init(endpoint: String, timeoutMilliseconds: Int = 10_000, curve: ZMQCurveRole? = nil) async throws {
        self.timeoutMilliseconds = timeoutMilliseconds
        let waiting = PendingReplies()
        self.waiting = waiting
        loop = try ZMQSocketLoop(name: "hw-client")
        var options = ZMQSocketOptions(sendHighWaterMark: 10_000, receiveHighWaterMark: 100_000)
        options.curve = curve
        socket = try await loop.open(.dealer, options: options, connect: [endpoint], delivery: .handler { _, _, message in
            waiting.deliver(message.frames)
        }).id
        _ = try await loop.addTimer(every: .milliseconds(50)) { _ in waiting.expire(now: ZMQLoopContext.nowNs()) }
    }

    /// A request with a fresh request id and this protocol version; fill in its body.
    public static func request(_ fill: (inout Homeward_V1_Request) -> Void) -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = ClientCodec.protocolVersion
        r.requestID = UUID().uuidString
        fill(&r)
        return r
    }

    /// Sends a request; `completion` gets its reply (or the error) on the loop thread.
    public func send(_ request: Homeward_V1_Request, completion: @escaping Completion) {
        let deadline = ZMQLoopContext.nowNs() + UInt64(timeoutMilliseconds) * 1_000_000
        waiting.add(request.requestID, completion: completion, deadlineNs: deadline, timeoutMs: timeoutMilliseconds)
        loop.send(Frames.join(body: ClientCodec.encode(request)), on: socket) { [waiting] result in
            if case .failure(let e) = result { waiting.fail(request.requestID, .notSent("\(e)")) }
        }
    }

    /// Sends a request and waits for its reply; an error reply throws `.rejected`.
    public func call(_ request: Homeward_V1_Request) async throws(ClientError) -> Homeward_V1_Reply {
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<Homeward_V1_Reply, ClientError>, Never>) in
            send(request) { c.resume(returning: $0) }
        }
        let reply = try result.get()
        if case .error(let e)? = reply.result { throw .rejected(e) }
        return reply
    }

    public func close() async {
        waiting.failAll(.closed)
        await loop.shutdown()
    }
}

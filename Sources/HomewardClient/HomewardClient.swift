import Foundation
import HomewardProtocol
import Synchronization
import ZeroMQ

/// A client of a coordinator's request socket (DEALER to its ROUTER).
///
/// Replies are matched to requests by request id, so many requests can be in
/// flight at once. `call` awaits the reply; `send` takes a callback, which a
/// load generator uses to keep its arrivals open-loop. The socket lives on its
/// own socket-loop thread; callbacks run on that thread and must be quick.
public final class HomewardClient: Sendable {
    public typealias Completion = @Sendable (Result<Homeward_V1_Reply, ClientError>) -> Void

    private struct Waiting {
        var completion: Completion
        var deadlineNs: UInt64
    }

    private let loop: ZMQSocketLoop
    private let socket: ZMQSocketID
    private let waiting: Waiting.Table
    public let timeoutMilliseconds: Int

    public init(endpoint: String, timeoutMilliseconds: Int = 10_000, curve: ZMQCurveRole? = nil) async throws {
        self.timeoutMilliseconds = timeoutMilliseconds
        let waiting = Waiting.Table()
        self.waiting = waiting
        loop = try ZMQSocketLoop(name: "hw-client")
        var options = ZMQSocketOptions(sendHighWaterMark: 100_000, receiveHighWaterMark: 100_000)
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
        waiting.add(request.requestID, Waiting(completion: completion, deadlineNs: deadline), timeoutMs: timeoutMilliseconds)
        loop.send(Frames.join(body: ClientCodec.encode(request)), on: socket) { [waiting] result in
            if case .failure(let e) = result { waiting.fail(request.requestID, .badReply("send failed: \(e)")) }
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

extension HomewardClient.Waiting {
    /// Requests awaiting replies, shared by callers and the loop thread.
    final class Table: Sendable {
        private struct State {
            var byID: [String: HomewardClient.Waiting] = [:]
            var timeoutMs: [String: Int] = [:]
        }
        private let state = Mutex(State())

        func add(_ id: String, _ w: HomewardClient.Waiting, timeoutMs: Int) {
            state.withLock { $0.byID[id] = w; $0.timeoutMs[id] = timeoutMs }
        }

        private func take(_ id: String) -> HomewardClient.Waiting? {
            state.withLock { s in
                s.timeoutMs[id] = nil
                return s.byID.removeValue(forKey: id)
            }
        }

        func deliver(_ frames: [[UInt8]]) {
            guard let (_, body) = try? Frames.split(frames) else { return }
            do {
                let reply = try ClientCodec.decodeReply(body)
                take(reply.requestID)?.completion(.success(reply))
            } catch {
                // A reply we cannot read cannot be matched to its request; the request times out.
            }
        }

        func fail(_ id: String, _ error: ClientError) { take(id)?.completion(.failure(error)) }

        func expire(now: UInt64) {
            let expired = state.withLock { s -> [(String, HomewardClient.Waiting, Int)] in
                let ids = s.byID.filter { $0.value.deadlineNs <= now }.map(\.key)
                return ids.map { id in
                    defer { s.byID[id] = nil; s.timeoutMs[id] = nil }
                    return (id, s.byID[id]!, s.timeoutMs[id] ?? 0)
                }
            }
            for (id, w, ms) in expired { w.completion(.failure(.timedOut(requestID: id, afterMilliseconds: ms))) }
        }

        func failAll(_ error: ClientError) {
            let all = state.withLock { s -> [HomewardClient.Waiting] in
                defer { s.byID.removeAll(); s.timeoutMs.removeAll() }
                return Array(s.byID.values)
            }
            for w in all { w.completion(.failure(error)) }
        }
    }
}

import HomewardProtocol
import Synchronization

/// Requests awaiting replies, shared by callers and the client's loop thread.
final class PendingReplies: Sendable {
    private struct Waiting {
        var completion: HomewardClient.Completion
        var deadlineNs: UInt64
        var timeoutMs: Int
    }

    private let byID = Mutex<[String: Waiting]>([:])

    func add(_ id: String, completion: @escaping HomewardClient.Completion, deadlineNs: UInt64, timeoutMs: Int) {
        byID.withLock { $0[id] = Waiting(completion: completion, deadlineNs: deadlineNs, timeoutMs: timeoutMs) }
    }

    private func take(_ id: String) -> Waiting? { byID.withLock { $0.removeValue(forKey: id) } }

    /// Hands a received reply to whoever waits for its request id.
    func deliver(_ frames: [[UInt8]]) {
        guard let (_, body) = try? Frames.split(frames) else { return }
        // A reply we cannot read cannot be matched to its request; that request times out.
        guard let reply = try? ClientCodec.decodeReply(body) else { return }
        take(reply.requestID)?.completion(.success(reply))
    }

    func fail(_ id: String, _ error: ClientError) { take(id)?.completion(.failure(error)) }

    /// Fails every request whose deadline passed.
    func expire(now: UInt64) {
        let expired = byID.withLock { table -> [(String, Waiting)] in
            let ids = table.filter { $0.value.deadlineNs <= now }.map(\.key)
            return ids.map { ($0, table.removeValue(forKey: $0)!) }
        }
        for (id, w) in expired { w.completion(.failure(.timedOut(requestID: id, afterMilliseconds: w.timeoutMs))) }
    }

    func failAll(_ error: ClientError) {
        let all = byID.withLock { table -> [Waiting] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for w in all { w.completion(.failure(error)) }
    }
}

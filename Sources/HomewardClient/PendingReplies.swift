import HomewardProtocol
import Synchronization

/// Requests awaiting replies, shared by callers and the client's loop thread.
final class PendingReplies: Sendable {
    private struct Waiting {
        var completion: HomewardClient.Completion
        var deadlineNs: UInt64
        var timeoutMs: Int
    }

    private struct Table {
        var byID: [String: Waiting] = [:]
        /// No deadline in `byID` is earlier (it may be stale-early after a
        /// reply): `expire` scans only once it has passed, not every tick
        /// (with 100,000 requests outstanding a scan per tick cost a core).
        var earliestDeadlineNs = UInt64.max
    }

    private let table = Mutex(Table())

    func add(_ id: String, completion: @escaping HomewardClient.Completion, deadlineNs: UInt64, timeoutMs: Int) {
        table.withLock {
            $0.byID[id] = Waiting(completion: completion, deadlineNs: deadlineNs, timeoutMs: timeoutMs)
            $0.earliestDeadlineNs = min($0.earliestDeadlineNs, deadlineNs)
        }
    }

    private func take(_ id: String) -> Waiting? { table.withLock { $0.byID.removeValue(forKey: id) } }

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
        let expired = table.withLock { t -> [(String, Waiting)] in
            guard now >= t.earliestDeadlineNs else { return [] }
            var ids: [String] = []
            var earliest = UInt64.max
            for (id, w) in t.byID {
                if w.deadlineNs <= now { ids.append(id) } else { earliest = min(earliest, w.deadlineNs) }
            }
            t.earliestDeadlineNs = earliest
            return ids.map { ($0, t.byID.removeValue(forKey: $0)!) }
        }
        for (id, w) in expired { w.completion(.failure(.timedOut(requestID: id, afterMilliseconds: w.timeoutMs))) }
    }

    func failAll(_ error: ClientError) {
        let all = table.withLock { t -> [Waiting] in
            defer { t = Table() }
            return Array(t.byID.values)
        }
        for w in all { w.completion(.failure(error)) }
    }
}

import Synchronization
import ZeroMQ

/// Calls waiting for their reply, by request id. Replies (loop thread),
/// deadline sweeps (loop thread timer), cancellation and shutdown (any thread)
/// all race to finish an entry; whoever removes it resumes it, so each
/// continuation resumes exactly once.
final class PendingCalls: Sendable {
    struct Entry {
        let continuation: CheckedContinuation<ClusterWire.Reply, any Error>
        let deadlineNs: UInt64
        let actor: ClusterActorID
        let target: String
        let timeoutMs: Int64
    }

    private let state = Mutex<(entries: [UInt64: Entry], closed: Bool)>(([:], false))

    /// False when the system is shut down (the caller must fail the call itself).
    func register(_ id: UInt64, _ entry: Entry) -> Bool {
        state.withLock { s in
            if s.closed { return false }
            s.entries[id] = entry
            return true
        }
    }

    func complete(_ id: UInt64, with reply: ClusterWire.Reply) {
        state.withLock { $0.entries.removeValue(forKey: id) }?.continuation.resume(returning: reply)
    }

    func fail(_ id: UInt64, _ error: any Error) {
        state.withLock { $0.entries.removeValue(forKey: id) }?.continuation.resume(throwing: error)
    }

    /// Fails every call whose deadline is at or before `nowNs` with `.timedOut`.
    func expire(nowNs: UInt64) {
        let expired = state.withLock { s -> [Entry] in
            let ids = s.entries.compactMap { $0.value.deadlineNs <= nowNs ? $0.key : nil }
            return ids.compactMap { s.entries.removeValue(forKey: $0) }
        }
        for entry in expired {
            entry.continuation.resume(throwing: ClusterCallError.timedOut(
                actor: entry.actor, target: entry.target, afterMs: entry.timeoutMs))
        }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Fails everything and refuses new calls.
    func close() {
        let all = state.withLock { s -> [Entry] in
            s.closed = true
            defer { s.entries = [:] }
            return Array(s.entries.values)
        }
        for entry in all { entry.continuation.resume(throwing: ClusterCallError.systemShutDown) }
    }

    /// The reply handler installed on every peer DEALER (runs on the loop thread).
    func handleReply(_ message: ZMQMessage) {
        guard let (id, reply) = try? ClusterWire.Reply.parse(message.frames) else { return }
        complete(id, with: reply)
    }
}

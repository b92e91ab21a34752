import Synchronization

/// The last sequence number published on each alert topic. Written by the
/// store's writer thread right after each commit, read by heartbeats.
final class TopicSequences: Sendable {
    private let last = Mutex<[String: UInt64]>([:])

    func set(_ topic: String, _ sequence: UInt64) {
        last.withLock { $0[topic] = max($0[topic] ?? 0, sequence) }
    }

    func snapshot() -> [String: UInt64] { last.withLock { $0 } }
}

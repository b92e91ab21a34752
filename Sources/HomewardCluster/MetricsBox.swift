import HomewardProtocol
import Synchronization

/// Hands the node's `CoordinatorMetrics` to the outbox, which is built before
/// the node (the node owns its metrics; the PUB side reports through this).
final class MetricsBox: Sendable {
    private let metrics = Mutex<CoordinatorMetrics?>(nil)

    func set(_ m: CoordinatorMetrics) { metrics.withLock { $0 = m } }

    func published(_ frames: [Frame]) { metrics.withLock { $0 }?.published(frames) }
}

import Synchronization

/// How far a run has got, readable while it runs: tests inject a fault once
/// the stream is flowing instead of after a fixed sleep.
public final class RunProgress: Sendable {
    private let acknowledgedCount = Atomic<Int>(0)

    public init() {}

    /// Sighting submissions acknowledged so far (reposts included).
    public var acknowledged: Int { acknowledgedCount.load(ordering: .acquiring) }

    func recordAcknowledgement() { acknowledgedCount.add(1, ordering: .releasing) }

    /// Returns once `count` submissions are acknowledged; throws
    /// `RunProgress.TimedOut` if that has not happened within `timeout`.
    public func waitUntil(acknowledged count: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while acknowledged < count {
            guard ContinuousClock.now < deadline else { throw TimedOut(wanted: count, reached: acknowledged) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    public struct TimedOut: Error, CustomStringConvertible {
        public let wanted: Int
        public let reached: Int
        public var description: String { "the run acknowledged \(reached) submissions, not \(wanted), before the deadline" }
    }
}

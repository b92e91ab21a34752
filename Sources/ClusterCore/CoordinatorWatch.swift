/// A worker's view of the coordinator's liveness: when to register again.
///
/// A worker that hears nothing from the coordinator for `deadAfter` sends READY
/// again (the coordinator may have restarted, or declared the worker dead during
/// a network cut), then backs off, doubling from `deadAfter` up to `maxBackoff`,
/// so a long outage does not become a stream of registrations. Hearing from the
/// coordinator resets the backoff. Pure: the shell passes the time in.
public struct CoordinatorWatch: Sendable {
    public let deadAfter: Duration
    public let maxBackoff: Duration
    private(set) public var backoff: Duration
    private var lastReady: MonotonicTime

    public init(deadAfter: Duration, maxBackoff: Duration = .seconds(30), now: MonotonicTime) {
        self.deadAfter = deadAfter
        self.maxBackoff = max(maxBackoff, deadAfter)
        self.backoff = deadAfter
        self.lastReady = now
    }

    /// Called on every heartbeat tick; true when the worker should send READY now.
    public mutating func shouldRegisterAgain(now: MonotonicTime, lastHeard: MonotonicTime) -> Bool {
        let silent = now.since(lastHeard)
        guard silent > deadAfter else {
            backoff = deadAfter
            return false
        }
        guard now.since(lastReady) > backoff else { return false }
        lastReady = now
        backoff = min(backoff * 2, maxBackoff)
        return true
    }
}

import Synchronization

/// Asks a running service to drain: stop taking new work, finish what is in
/// flight, and return. The executable requests it on SIGTERM/SIGINT (through
/// swift-service-lifecycle's graceful shutdown); tests request it directly.
public final class DrainSignal: Sendable {
    private struct State {
        var requested = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Requests the drain (again: no effect).
    public func request() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.requested = true
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    public var isRequested: Bool { state.withLock { $0.requested } }

    /// Returns once the drain is requested (at once if it already was), or when the task is cancelled.
    public func wait() async {
        let id = state.withLock { s -> Int in
            defer { s.nextWaiter += 1 }
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { s -> Bool in
                    if s.requested || Task.isCancelled { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

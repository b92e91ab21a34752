import Synchronization

/// The part of a socket loop other threads touch: a job queue, the wake-up
/// socket, and the stop state. Everything else belongs to the loop thread.
final class ZMQLoopCore: Sendable {
    typealias Job = @Sendable (ZMQLoopContext) -> Void

    struct State {
        var jobs: [Job] = []
        /// A wake-up message is in flight; later enqueues need not send another.
        var wakePending = false
        var stopRequested = false
        var stopped = false
        /// Set once the thread is fully gone (context terminated too).
        var waitersReleased = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let state = Mutex(State())
    /// The sending half of the inproc PAIR that wakes `zmq_poll`. A PAIR socket
    /// is not thread-safe, so every use is under this lock; the loop thread
    /// closes it at shutdown (then it is `nil`) before terminating the context.
    let wakeSender: Mutex<ZMQSocket?>
    let wakeEndpoint: String

    init(wakeSender: sending ZMQSocket, wakeEndpoint: String) {
        self.wakeSender = Mutex(wakeSender)
        self.wakeEndpoint = wakeEndpoint
    }

    /// Queues a job; returns false when the loop has stopped (the job did not run).
    func enqueue(_ job: @escaping Job) -> Bool {
        let needWake = state.withLock { s -> Bool? in
            if s.stopped || s.stopRequested { return nil }
            s.jobs.append(job)
            defer { s.wakePending = true }
            return !s.wakePending
        }
        guard let needWake else { return false }
        if needWake { wake() }
        return true
    }

    /// Sends one byte on the wake PAIR. A full pipe means the loop is already due to wake.
    func wake() {
        wakeSender.withLock { sender in
            guard let sender else { return }
            try? sender.sendFrame([UInt8](), dontWait: true)
        }
    }

    /// Takes the queued jobs (loop thread).
    func takeJobs() -> [Job] {
        state.withLock { s in
            s.wakePending = false
            defer { s.jobs.removeAll(keepingCapacity: true) }
            return s.jobs
        }
    }

    var isStopRequested: Bool { state.withLock { $0.stopRequested } }

    /// Returns true for the first caller only.
    func requestStop() -> Bool {
        let first = state.withLock { s -> Bool in
            defer { s.stopRequested = true }
            return !s.stopRequested
        }
        if first { wake() }
        return first
    }

    /// Called once by the loop thread as it ends: refuses new jobs from here on
    /// and returns the queued ones that never ran.
    func markStopped() -> [Job] {
        state.withLock { s in
            s.stopped = true
            defer { s.jobs = [] }
            return s.jobs
        }
    }

    /// Called last by the loop thread, after the context is terminated.
    func resumeStopWaiters() {
        let waiters = state.withLock { s in
            defer { s.stopWaiters = []; s.waitersReleased = true }
            return s.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { s -> Bool in
                if s.waitersReleased { return true }
                s.stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

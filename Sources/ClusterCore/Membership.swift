/// Liveness of workers, decided from application-level heartbeats.
///
/// Pure state machine: feed it events with the time they happened, act on the
/// directives it returns. ZeroMQ's own heartbeats only show that libzmq's I/O
/// thread is alive; these show that the worker's matcher loop answers.
///
/// Bound: a worker that stops sending is declared dead at most
/// `deadAfter + tick interval` after its last heartbeat.
public struct Membership: Sendable {
    public struct Timing: Hashable, Sendable {
        /// How often each side sends a heartbeat when otherwise idle.
        public var heartbeatInterval: Duration
        /// Silence after which a worker is suspected (not sent new work if others can take it).
        public var suspectAfter: Duration
        /// Silence after which a worker is dead: its shards move to replicas.
        public var deadAfter: Duration

        public init(heartbeatInterval: Duration = .milliseconds(250), suspectAfter: Duration = .seconds(1), deadAfter: Duration = .seconds(3)) {
            self.heartbeatInterval = heartbeatInterval
            self.suspectAfter = suspectAfter
            self.deadAfter = deadAfter
        }
    }

    public enum State: Hashable, Sendable { case alive, suspect, dead }

    public struct Member: Hashable, Sendable {
        public var state: State
        public var lastHeard: MonotonicTime
    }

    public enum Directive: Hashable, Sendable {
        /// A worker registered (first time or after being dead): send it its shards' snapshot.
        case joined(WorkerID)
        case suspected(WorkerID)
        /// Heard from a suspected worker again.
        case recovered(WorkerID)
        /// Declared dead: re-route its in-flight work and shards to replicas.
        case died(WorkerID)
    }

    public let timing: Timing
    public private(set) var members: [WorkerID: Member] = [:]

    public init(timing: Timing = Timing()) { self.timing = timing }

    public func state(of worker: WorkerID) -> State { members[worker]?.state ?? .dead }

    /// Alive workers only; suspected ones get no new work while an alive replica exists.
    public func isAlive(_ worker: WorkerID) -> Bool { members[worker]?.state == .alive }

    /// Alive or suspected: may still answer.
    public func isReachable(_ worker: WorkerID) -> Bool {
        guard let s = members[worker]?.state else { return false }
        return s != .dead
    }

    /// A READY message: the worker starts (or restarts) and wants its shards.
    public mutating func ready(_ worker: WorkerID, at now: MonotonicTime) -> [Directive] {
        members[worker] = Member(state: .alive, lastHeard: now)
        return [.joined(worker)]
    }

    /// Any message from a registered worker counts as a heartbeat. Returns nil
    /// when the worker is unknown or dead: it must send READY again.
    public mutating func heard(from worker: WorkerID, at now: MonotonicTime) -> [Directive]? {
        guard var member = members[worker], member.state != .dead else { return nil }
        member.lastHeard = max(member.lastHeard, now)
        let wasSuspect = member.state == .suspect
        member.state = .alive
        members[worker] = member
        return wasSuspect ? [.recovered(worker)] : []
    }

    /// The worker said goodbye (DISCONNECT): dead at once, no waiting.
    public mutating func disconnected(_ worker: WorkerID) -> [Directive] {
        guard var member = members[worker], member.state != .dead else { return [] }
        member.state = .dead
        members[worker] = member
        return [.died(worker)]
    }

    /// Called periodically (every heartbeat interval or more often).
    public mutating func tick(now: MonotonicTime) -> [Directive] {
        var directives: [Directive] = []
        for worker in members.keys.sorted() {
            guard var member = members[worker], member.state != .dead else { continue }
            let silence = now.since(member.lastHeard)
            if silence >= timing.deadAfter {
                member.state = .dead
                directives.append(.died(worker))
            } else if silence >= timing.suspectAfter, member.state == .alive {
                member.state = .suspect
                directives.append(.suspected(worker))
            }
            members[worker] = member
        }
        return directives
    }
}

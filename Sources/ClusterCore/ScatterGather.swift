/// Tracks match requests fanned out to shard replicas and gathers their replies.
///
/// Pure state machine with an injected clock. A request covers a set of shards;
/// each shard is answered by exactly one replica. Late replies (after the shard
/// was re-sent elsewhere), duplicates, and replies from workers not asked are
/// ignored, so every shard's result is counted once. A shard whose replica dies
/// or misses the deadline is re-sent to the next live replica; when none is
/// left the request completes with those shards listed as `unserved`, and the
/// caller (`CoordinatorCore`) retries its sightings later, up to its match-tries
/// cap, after which they are marked failed with the reason (never dropped silently).
public struct ScatterGather<Part: Sendable>: Sendable {
    public typealias RequestID = UInt64

    public struct Outcome: Sendable {
        public var requestID: RequestID
        public var parts: [ShardID: Part]
        /// Shards no replica could answer; empty when the result is complete.
        public var unserved: [ShardID]
        public var isComplete: Bool { unserved.isEmpty }
    }

    public enum Directive: Sendable {
        /// Send (or re-send) the request for `shards` to `worker`.
        case send(RequestID, to: WorkerID, shards: [ShardID], deadline: MonotonicTime)
        case completed(Outcome)
    }

    struct Pending: Sendable {
        var parts: [ShardID: Part] = [:]
        /// Shard → the worker currently asked for it.
        var askedOf: [ShardID: WorkerID] = [:]
        /// Shard → replicas already tried (including the current one).
        var tried: [ShardID: Set<WorkerID>] = [:]
        var unserved: [ShardID] = []
        var deadline: MonotonicTime
    }

    public let attemptTimeout: Duration
    private var pending: [RequestID: Pending] = [:]

    public init(attemptTimeout: Duration = .seconds(2)) { self.attemptTimeout = attemptTimeout }

    public var inFlightCount: Int { pending.count }

    /// Requests waiting on `worker` for at least one shard.
    public func outstanding(for worker: WorkerID) -> Int {
        pending.values.filter { $0.askedOf.values.contains(worker) }.count
    }

    /// Starts a request. `preference(shard)` lists replicas best-first; `isLive` filters them.
    public mutating func begin(
        _ id: RequestID,
        shards: [ShardID],
        now: MonotonicTime,
        preference: (ShardID) -> [WorkerID],
        isLive: (WorkerID) -> Bool
    ) -> [Directive] {
        precondition(pending[id] == nil, "request id reused while in flight")
        var state = Pending(deadline: now + attemptTimeout)
        for shard in shards where state.tried[shard] == nil {
            state.tried[shard] = []
            if let worker = preference(shard).first(where: isLive) {
                state.askedOf[shard] = worker
                state.tried[shard]!.insert(worker)
            } else {
                state.unserved.append(shard)
            }
        }
        pending[id] = state
        return sends(for: id, shards: Array(state.askedOf.keys)) + finishIfDone(id)
    }

    /// A reply from `worker` answering `shards` of request `id`.
    public mutating func reply(_ id: RequestID, from worker: WorkerID, parts: [ShardID: Part]) -> [Directive] {
        guard var state = pending[id] else { return [] }  // late: request already done
        for (shard, part) in parts where state.askedOf[shard] == worker && state.parts[shard] == nil {
            state.parts[shard] = part
            state.askedOf[shard] = nil
        }
        pending[id] = state
        return finishIfDone(id)
    }

    /// A worker died: re-send everything it owed to the next live replica.
    public mutating func workerDied(
        _ worker: WorkerID,
        now: MonotonicTime,
        preference: (ShardID) -> [WorkerID],
        isLive: (WorkerID) -> Bool
    ) -> [Directive] {
        var directives: [Directive] = []
        for id in pending.keys.sorted() {
            let owed = pending[id]!.askedOf.filter { $0.value == worker }.map(\.key)
            guard !owed.isEmpty else { continue }
            directives += reassign(id, shards: owed, now: now, preference: preference, isLive: { $0 != worker && isLive($0) })
        }
        return directives
    }

    /// Re-sends shards whose attempt passed its deadline.
    public mutating func tick(
        now: MonotonicTime,
        preference: (ShardID) -> [WorkerID],
        isLive: (WorkerID) -> Bool
    ) -> [Directive] {
        var directives: [Directive] = []
        for id in pending.keys.sorted() where pending[id]!.deadline <= now {
            let owed = Array(pending[id]!.askedOf.keys)
            directives += reassign(id, shards: owed, now: now, preference: preference, isLive: isLive)
        }
        return directives
    }

    private mutating func reassign(
        _ id: RequestID, shards: [ShardID], now: MonotonicTime,
        preference: (ShardID) -> [WorkerID], isLive: (WorkerID) -> Bool
    ) -> [Directive] {
        guard var state = pending[id] else { return [] }
        var resend: [ShardID] = []
        for shard in shards.sorted() {
            let tried = state.tried[shard] ?? []
            if let next = preference(shard).first(where: { !tried.contains($0) && isLive($0) }) {
                state.askedOf[shard] = next
                state.tried[shard, default: []].insert(next)
                resend.append(shard)
            } else {
                state.askedOf[shard] = nil
                state.unserved.append(shard)
            }
        }
        state.deadline = now + attemptTimeout
        pending[id] = state
        return sends(for: id, shards: resend) + finishIfDone(id)
    }

    private func sends(for id: RequestID, shards: [ShardID]) -> [Directive] {
        guard let state = pending[id] else { return [] }
        var byWorker: [WorkerID: [ShardID]] = [:]
        for shard in shards { if let w = state.askedOf[shard] { byWorker[w, default: []].append(shard) } }
        return byWorker.keys.sorted().map { .send(id, to: $0, shards: byWorker[$0]!.sorted(), deadline: state.deadline) }
    }

    private mutating func finishIfDone(_ id: RequestID) -> [Directive] {
        guard let state = pending[id], state.askedOf.isEmpty else { return [] }
        pending[id] = nil
        return [.completed(Outcome(requestID: id, parts: state.parts, unserved: state.unserved.sorted()))]
    }
}

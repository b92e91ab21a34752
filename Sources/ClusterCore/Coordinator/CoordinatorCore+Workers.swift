import MatchEngine

extension CoordinatorCore {
    /// A worker sent READY: (re-)registered, gets its shards' streams, may take work.
    public mutating func workerReady(_ worker: WorkerID, now: CoordinatorTime) -> [CoordinatorDirective] {
        var directives: [CoordinatorDirective] = []
        if membership.isReachable(worker) {
            // It restarted without saying goodbye: whatever it owed is lost.
            directives += apply(membership.disconnected(worker), now: now)
        }
        directives += apply(membership.ready(worker, at: now.monotonic), now: now)
        // The streams are sent before anything else to this worker, and it handles messages in order.
        let shards = shardMap.shards(on: worker).map(shardMap.index(of:))
        synced[worker] = Set(shards)
        directives.append(.syncShards(worker: worker, shards: shards))
        directives.append(Self.log(.info, "worker registered", ["worker": worker.rawValue, "shards": "\(shards.count)"]))
        return directives + dispatch(now: now)
    }

    /// Any other message from a worker counts as a heartbeat. Nil when the
    /// worker is unknown or declared dead: the shell then drops the message
    /// and sends `.disconnect` so that it registers again.
    public mutating func workerHeard(_ worker: WorkerID, now: CoordinatorTime) -> [CoordinatorDirective]? {
        guard let directives = membership.heard(from: worker, at: now.monotonic) else { return nil }
        return apply(directives, now: now)
    }

    /// The worker said goodbye.
    public mutating func workerLeft(_ worker: WorkerID, now: CoordinatorTime) -> [CoordinatorDirective] {
        apply(membership.disconnected(worker), now: now) + dispatch(now: now)
    }

    /// The worker socket dropped every connection (a key was revoked: it is
    /// bound again, docs/security.md). What was queued to any worker may be
    /// lost, an update of its stream included, so every session ends as if each
    /// worker had left: in-flight work goes to replicas or waits, and each worker,
    /// answered `.disconnect` at its next heartbeat, registers again with its
    /// stream cursors and is sent what it missed.
    public mutating func workerConnectionsDropped(now: CoordinatorTime) -> [CoordinatorDirective] {
        // All dead before any re-send: nothing goes to a worker whose connection is gone too.
        let deaths = membership.members.keys.sorted().flatMap { membership.disconnected($0) }
        return apply(deaths, now: now) + dispatch(now: now)
    }

    /// A worker asked for a shard's stream again (it found a gap).
    public func workerResync(_ worker: WorkerID, shard: UInt32) -> [CoordinatorDirective] {
        guard synced[worker] != nil, shardMap.shards(on: worker).map(shardMap.index(of:)).contains(shard) else { return [] }
        return [.syncShards(worker: worker, shards: [shard])]
    }

    /// Periodic work: liveness, re-sends past deadlines, heartbeats, extraction
    /// deadlines, reach-tier moves, fresh cases aging out, waiting work back in
    /// the queue, and dispatch.
    public mutating func tick(now: CoordinatorTime) -> [CoordinatorDirective] {
        // First: what began waiting before this tick goes back in the queue (what
        // begins waiting in this tick waits for the next: no retry loop within one).
        requeueWaiting()
        var directives = apply(membership.tick(now: now.monotonic), now: now)
        directives += carryOut(scatter.tick(now: now.monotonic, preference: preference, isLive: membership.isAlive), now: now)
        let listening = membership.members.keys.sorted().filter { membership.members[$0]!.state != .dead }
        if !listening.isEmpty { directives.append(.heartbeat(to: listening, queueDepth: queue.count)) }
        directives += expireExtractions(now: now)
        refreshReach(now: now)
        return directives + dispatch(now: now)
    }

    func isAlive(_ worker: WorkerID) -> Bool { membership.isAlive(worker) }

    mutating func apply(_ changes: [Membership.Directive], now: CoordinatorTime) -> [CoordinatorDirective] {
        var directives: [CoordinatorDirective] = []
        for change in changes {
            switch change {
            case .died(let worker):
                directives.append(Self.log(.warning, "worker declared dead; its shards move to replicas", ["worker": worker.rawValue]))
                synced[worker] = nil
                directives += carryOut(scatter.workerDied(worker, now: now.monotonic, preference: preference, isLive: membership.isAlive), now: now)
                directives += resendExtractions(from: worker, now: now)
            case .suspected(let worker):
                directives.append(Self.log(.warning, "worker suspected", ["worker": worker.rawValue]))
            case .joined, .recovered: break
            }
        }
        return directives
    }
}

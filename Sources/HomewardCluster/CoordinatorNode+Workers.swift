import ClusterCore
import HomewardProtocol
import MatchEngine

extension CoordinatorNode {
    /// Handles one message from a worker (as the ROUTER received it: routing id first).
    /// `userID` is the ZAP `User-Id` of the sender's key (nil in plain-text mode).
    public func handleWorker(_ frames: [Frame], userID: String? = nil) async {
        guard let (route, body) = try? Frames.split(frames), let identity = route.first else { return }
        let worker = WorkerID(String(decoding: identity, as: UTF8.self))
        guard admitsWorker(worker, userID: userID) else { return }
        let now = clock.monotonic()
        let message: WorkerMessage
        do {
            message = try WorkerCodec.decodeValidated(body, from: .worker, validator: workerValidator, now: clock.unixSeconds())
        } catch {
            logger.warning("dropped a malformed worker message", metadata: ["worker": "\(worker)", "error": "\(error)"])
            return
        }
        if case .ready(let ready) = message {
            await workerReady(worker, ready, now: now)
            return
        }
        guard let directives = membership.heard(from: worker, at: now) else {
            // Unknown or declared dead: it must register again.
            var bye = Homeward_V1_Disconnect()
            bye.reason = .unknownWorker
            sendToWorker(worker, .disconnect(bye))
            return
        }
        await apply(directives)
        switch message {
        case .final(let result), .partial(let result):
            var parts: [ShardID: [MatchCandidate]] = [:]
            let candidates = result.candidates.map { FeatureMapping.candidate($0, urgentWithin: matchConfig.urgentWithinSeconds) }
            for (i, index) in result.shardIds.enumerated() {
                guard let shard = shardMap.shard(at: index) else { continue }
                parts[shard] = i == 0 ? candidates : []   // a reply's candidates cover all its shards
            }
            await carryOut(scatter.reply(result.requestID, from: worker, parts: parts))
        case .sync(let sync):
            sendStream(shard: sync.from.shardID, to: worker, cursor: sync.from)
        case .disconnect:
            await apply(membership.disconnected(worker))
        case .extracted(let reply):
            extractionFinished(reply, from: worker)
        case .heartbeat, .ready, .request, .update, .extract: break
        }
        await dispatch()
    }

    func workerReady(_ worker: WorkerID, _ ready: Homeward_V1_WorkerReady, now: MonotonicTime) async {
        if membership.isReachable(worker) {
            // It restarted without saying goodbye: whatever it owed is lost.
            await apply(membership.disconnected(worker))
        }
        await apply(membership.ready(worker, at: now))
        synced[worker] = []
        let cursors = Dictionary(ready.shards.map { ($0.shardID, $0) }, uniquingKeysWith: { a, _ in a })
        for shard in shardMap.shards(on: worker) {
            let index = shardMap.index(of: shard)
            sendStream(shard: index, to: worker, cursor: cursors[index] ?? Homeward_V1_ShardCursor())
        }
        logger.info("worker registered", metadata: ["worker": "\(worker)", "shards": "\(synced[worker]?.count ?? 0)"])
        await dispatch()
    }

    /// Brings a worker's copy of a shard up to date: the increments it missed
    /// when its cursor is within the log, else a full snapshot.
    func sendStream(shard index: UInt32, to worker: WorkerID, cursor: Homeward_V1_ShardCursor) {
        guard let stream = streams[index] else { return }
        if let increments = stream.increments(after: cursor) {
            for update in increments { sendToWorker(worker, .update(update)) }
        } else {
            let rows = cases.values.filter { $0.shard == index }.sorted { $0.features.id < $1.features.id }
            func update(_ change: Homeward_V1_FeatureUpdate.OneOf_Change) -> Homeward_V1_FeatureUpdate {
                var u = Homeward_V1_FeatureUpdate()
                u.shardID = index
                u.sequence = stream.sequence
                u.snapshotEpoch = stream.epoch
                u.change = change
                return u
            }
            var begin = Homeward_V1_SnapshotBegin()
            begin.rowCount = UInt64(rows.count)
            sendToWorker(worker, .update(update(.snapshotBegin(begin))))
            for row in rows { sendToWorker(worker, .update(update(.snapshotRow(FeatureMapping.wire(row.features))))) }
            var end = Homeward_V1_SnapshotEnd()
            end.rowCount = UInt64(rows.count)
            sendToWorker(worker, .update(update(.snapshotEnd(end))))
        }
        // Later updates and requests follow on the same connection, so the
        // worker applies this before anything sent after it.
        synced[worker, default: []].insert(index)
    }

    /// Appends a change to a shard's stream and sends it to the replicas that hold the shard.
    func publishUpdate(_ change: Homeward_V1_FeatureUpdate.OneOf_Change, shard: UInt32) {
        // Mutate in place: copying the stream out would copy its whole log.
        guard let update = streams[shard]?.append(change, shard: shard) else { return }
        for (worker, shards) in synced where shards.contains(shard) && membership.isReachable(worker) {
            sendToWorker(worker, .update(update))
        }
    }

    func sendToWorker(_ worker: WorkerID, _ message: WorkerMessage) {
        outbox.toWorker(Frames.join(route: [Array(worker.rawValue.utf8)], body: WorkerCodec.encode(message)))
    }

    func apply(_ directives: [Membership.Directive]) async {
        for directive in directives {
            switch directive {
            case .died(let worker):
                logger.warning("worker declared dead; its shards move to replicas", metadata: ["worker": "\(worker)"])
                synced[worker] = nil
                await carryOut(scatter.workerDied(worker, now: clock.monotonic(), preference: preference, isLive: isLive))
                resendExtractions(from: worker)
            case .suspected(let worker):
                logger.warning("worker suspected", metadata: ["worker": "\(worker)"])
            case .joined, .recovered: break
            }
        }
    }

    /// Periodic work: liveness, re-sends past deadlines, heartbeats both ways,
    /// reach-tier moves, and dispatch.
    public func tick() async {
        let now = clock.monotonic()
        await apply(membership.tick(now: now))
        await carryOut(scatter.tick(now: now, preference: preference, isLive: isLive))
        var heartbeat = Homeward_V1_Heartbeat()
        heartbeat.sentAtMs = clock.unixMilliseconds()
        heartbeat.queueDepth = UInt32(queue.count)
        for (worker, member) in membership.members where member.state != .dead { sendToWorker(worker, .heartbeat(heartbeat)) }
        publishHeartbeats()
        expireExtractions()
        refreshUnboundedShards()
        pruneFreshCases()
        urgentAreas.publish(freshReach)
        for id in deferred { if let p = pending[id] { queue.push(id, priority: p.priority) } }
        deferred.removeAll()
        await dispatch()
    }
}

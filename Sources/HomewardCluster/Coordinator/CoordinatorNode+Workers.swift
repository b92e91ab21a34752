import ClusterCore
import HomewardSecurity
import HomewardProtocol
import MatchEngine

extension CoordinatorNode {
    /// Handles one message from a worker (as the ROUTER received it: routing id first).
    public func handleWorker(_ frames: [Frame], userID: String? = nil) async {
        guard let (route, body) = try? Frames.split(frames), let identity = route.first else { return }
        let worker = WorkerID(String(decoding: identity, as: UTF8.self))
        guard access.admitsWorker(worker, userID: userID) else { return }
        let message: WorkerMessage
        do {
            message = try WorkerCodec.decodeValidated(body, from: .worker, validator: workerValidator, now: clock.unixSeconds())
        } catch {
            logger.warning("dropped a malformed worker message", metadata: ["worker": "\(worker)", "error": "\(error)"])
            return
        }
        if case .ready(let ready) = message {
            let cursors = Dictionary(ready.shards.map { ($0.shardID, $0) }, uniquingKeysWith: { a, _ in a })
            await execute(core.workerReady(worker, now: now), cursors: cursors)
            return
        }
        guard let heard = core.workerHeard(worker, now: now) else {
            await execute([.disconnect(worker)])   // unknown or declared dead: it must register again
            return
        }
        await execute(heard)
        switch message {
        case .final(let result):
            var parts: [ShardID: [MatchCandidate]] = [:]
            let candidates = result.candidates.map { FeatureMapping.candidate($0, urgentWithin: matchConfig.urgentWithinSeconds) }
            for (i, index) in result.shardIds.enumerated() {
                guard let shard = core.shardMap.shard(at: index) else { continue }
                parts[shard] = i == 0 ? candidates : []   // a reply's candidates cover all its shards
            }
            await execute(core.matchReplied(result.requestID, from: worker, parts: parts, now: now))
        case .sync(let sync):
            await execute(core.workerResync(worker, shard: sync.from.shardID), cursors: [sync.from.shardID: sync.from])
        case .disconnect:
            await execute(core.workerLeft(worker, now: now))
        case .extracted(let reply):
            await execute(core.extracted(job: reply.jobID, from: worker, ClientMapping.outcome(reply), now: now))
        case .heartbeat, .ready, .request, .update, .extract: break
        }
    }

    /// After an allow-list reload (issue 13): audited, and revoked workers' sessions end (their requests go to replicas at once).
    public func accessChanged(_ change: AccessControl.Change) async {
        await access.auditChange(change)
        for id in change.revokedWorkers { await execute(core.workerLeft(WorkerID(id), now: now)) }
    }

    /// The worker socket dropped every connection (bound again after a
    /// revocation): every session ends and each worker registers again (see
    /// `CoordinatorCore.workerConnectionsDropped`).
    public func workerConnectionsDropped() async {
        await execute(core.workerConnectionsDropped(now: now))
    }

    /// Periodic work: the core's tick, alert-stream heartbeats, the intake shell's copy of the fresh-case index.
    public func tick() async {
        await execute(core.tick(now: now))
        publisher.publishHeartbeats()
        urgentAreas.publish(core.freshCases)
    }
}

import ClusterCore
import HomewardProtocol
import HomewardStore
import MatchEngine

extension CoordinatorNode {
    /// Sends queued sightings to the workers, urgent first, in batches, while
    /// the workers have room. Called whenever work or capacity appears.
    func dispatch() async {
        let now = clock.monotonic()
        guard liveWorkerCount > 0 else { return }
        while !queue.isEmpty, inFlight.count < maxRequestsInFlight {
            let batch = queue.popBatch(max: batchSize).map(\.item).filter { pending[$0] != nil }
            guard !batch.isEmpty else { continue }
            var shards = Set<UInt32>()
            for id in batch { shards.formUnion(pending[id]!.shards) }
            let requestID = nextRequestID
            nextRequestID += 1
            inFlight[requestID] = InFlight(sightingIDs: batch, startedAt: now)
            let shardIDs = shards.sorted().compactMap(shardMap.shard(at:))
            let directives = scatter.begin(requestID, shards: shardIDs, now: now, preference: preference, isLive: isLive)
            await carryOut(directives)
        }
    }

    var liveWorkerCount: Int { membership.members.values.filter { $0.state == .alive }.count }

    /// Replicas of a shard that hold a complete copy of it, best first.
    func preference(for shard: ShardID) -> [WorkerID] {
        let index = shardMap.index(of: shard)
        return shardMap.preference(for: shard).filter { synced[$0]?.contains(index) == true }
    }

    func isLive(_ worker: WorkerID) -> Bool { membership.isAlive(worker) }

    func carryOut(_ directives: [ScatterGather<[MatchCandidate]>.Directive]) async {
        for directive in directives {
            switch directive {
            case .send(let requestID, let worker, let shards, _):
                guard let flight = inFlight[requestID] else { continue }
                var request = Homeward_V1_MatchRequest()
                request.requestID = requestID
                request.shardIds = shards.map(shardMap.index(of:))
                request.topK = UInt32(matchConfig.topK)
                request.sightings = flight.sightingIDs.compactMap { pending[$0].map { FeatureMapping.wire($0.features) } }
                outbox.toWorker(Frames.join(route: [Array(worker.rawValue.utf8)], body: WorkerCodec.encode(.request(request))))
            case .completed(let outcome):
                guard let flight = inFlight.removeValue(forKey: outcome.requestID) else { continue }
                if outcome.isComplete {
                    let sightings = flight.sightingIDs.compactMap { id in pending[id].map { (id, $0) } }
                    await decideAndStore(sightings, parts: Array(outcome.parts.values))
                } else {
                    requeue(flight.sightingIDs)
                }
            }
        }
    }

    /// Puts sightings back in the queue after a request that no replica could
    /// answer; they stay durable and unmatched until a later attempt succeeds.
    func requeue(_ ids: [UInt64]) {
        for id in ids {
            guard var p = pending[id] else { continue }
            p.attempts += 1
            pending[id] = p
            deferred.append(id)   // back in the queue at the next tick, not in this dispatch loop
        }
        logger.warning("match request unserved; sightings requeued", metadata: ["sightings": "\(ids.count)"])
    }

    /// Step 8 and 9 for a batch of sightings whose shards all answered: rank,
    /// store alerts and publications (and mark the sightings matched) in one
    /// transaction, then publish in commit order.
    func decideAndStore(_ sightings: [(UInt64, PendingSighting)], parts: [[MatchCandidate]]) async {
        var bySighting: [UInt64: [[MatchCandidate]]] = [:]
        for part in parts {
            var grouped: [UInt64: [MatchCandidate]] = [:]
            for c in part { grouped[c.sightingID, default: []].append(c) }
            for (id, list) in grouped { bySighting[id, default: []].append(list) }
        }
        var alerts: [PendingAlert] = []
        for (id, sighting) in sightings {
            let ranked = decider.rank(bySighting[id] ?? [])
            let decisions = decider.decide(ranked: ranked, sightingProvince: sighting.province) { self.cases[$0]?.province }
            alerts += decisions.compactMap { PendingAlert(decision: $0, sighting: sighting.features, caseEntry: cases[$0.candidate.caseID]) }
        }
        let ids = sightings.map(\.0)
        do {
            try await storeAndPublish(alerts, markMatched: ids)
            for id in ids { pending[id] = nil }
        } catch {
            logger.error("storing alerts failed; sightings requeued", metadata: ["error": "\(error)"])
            requeue(ids)
        }
        await dispatch()
    }

    /// Contract step 10: a new case against every stored sighting, each at its own time.
    func matchNewCase(_ entry: CaseEntry) async {
        do {
            let candidates = try await sightingEngine.matchNewCase(entry.features)
            guard !candidates.isEmpty else { return }
            let sightings = try await store.read { db in
                try candidates.map { c in try CoordinatorStore(db).sighting(id: c.sightingID) }
            }
            var alerts: [PendingAlert] = []
            for (c, record) in zip(candidates, sightings) {
                guard let record else { continue }
                let features = record.features(vocabulary: vocabulary)
                let decision = decider.decide(ranked: [c], sightingProvince: record.province) { _ in entry.province }[0]
                alerts.append(PendingAlert(decision: decision, sighting: features, caseEntry: entry)!)
            }
            try await storeAndPublish(alerts, markMatched: [])
        } catch {
            logger.error("matching a new case against stored sightings failed", metadata: ["case": "\(entry.features.id)", "error": "\(error)"])
        }
    }
}

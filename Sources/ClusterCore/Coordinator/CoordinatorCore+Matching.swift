import MatchEngine

extension CoordinatorCore {
    /// Sends queued sightings to the workers, urgent first, in batches, while
    /// fewer than `policy.matchRequestsInFlight` requests are out. Every
    /// request reaches every worker holding a target shard, and workers serve
    /// requests in order: more out at once would only queue there, with urgent
    /// work behind it.
    mutating func dispatch(now: CoordinatorTime) -> [CoordinatorDirective] {
        guard liveWorkerCount > 0 else { return [] }
        var directives: [CoordinatorDirective] = []
        var servable: [UInt32: Bool] = [:]
        while !queue.isEmpty, requests.count < policy.matchRequestsInFlight {
            var ids: [UInt64] = []
            var shards = Set<UInt32>()
            for id in queue.popBatch(max: policy.matchBatchSize).map(\.item) {
                guard let work = sightings[id], work.state == .queued else { continue }
                // A sighting one of whose shards has no live replica waits for one, without using up a try.
                let ready = work.shards.allSatisfy { shard in
                    if let known = servable[shard] { return known }
                    let ok = shardMap.shard(at: shard).map { preference(for: $0).contains(where: membership.isAlive) } ?? false
                    servable[shard] = ok
                    return ok
                }
                guard ready else {
                    sightings[id]!.state = .waiting
                    waitingIDs.append(id)
                    continue
                }
                ids.append(id)
                shards.formUnion(work.shards)
            }
            guard !ids.isEmpty else { continue }
            let request = nextMatchRequest
            nextMatchRequest += 1
            requests[request] = ids
            for id in ids { sightings[id]!.state = .inFlight(request: request) }
            let begun = scatter.begin(request, shards: shards.sorted().compactMap(shardMap.shard(at:)), now: now.monotonic,
                                      preference: preference, isLive: membership.isAlive)
            directives += carryOut(begun, now: now)
        }
        return directives
    }

    /// A worker's candidates for the shards it answered of match request `request`.
    public mutating func matchReplied(_ request: UInt64, from worker: WorkerID, parts: [ShardID: [MatchCandidate]],
                                      now: CoordinatorTime) -> [CoordinatorDirective] {
        carryOut(scatter.reply(request, from: worker, parts: parts), now: now) + dispatch(now: now)
    }

    /// The transaction of a `.record` directive committed (`newAlerts` were new).
    public mutating func recorded(batch: UInt64, newAlerts: Int, now: CoordinatorTime) -> [CoordinatorDirective] {
        counters.alerts += UInt64(newAlerts)
        for id in recordingBatches.removeValue(forKey: batch) ?? [] where sightings[id]?.state == .recording(batch: batch) { sightings[id] = nil }
        return dispatch(now: now)
    }

    /// The transaction of a `.record` directive failed: its sightings go back to be matched again.
    public mutating func notRecorded(batch: UInt64, error: String, now: CoordinatorTime) -> [CoordinatorDirective] {
        let ids = (recordingBatches.removeValue(forKey: batch) ?? []).filter { sightings[$0]?.state == .recording(batch: batch) }
        return [Self.log(.error, "storing alerts failed; sightings requeued", ["error": error, "sightings": "\(ids.count)"])]
            + retryOrFail(ids, reason: "its alerts could not be stored: \(error)") + dispatch(now: now)
    }

    /// Scatter/gather's directives as the shell's: sends with their sightings, completions decided.
    mutating func carryOut(_ directives: [ScatterGather<[MatchCandidate]>.Directive], now: CoordinatorTime) -> [CoordinatorDirective] {
        var out: [CoordinatorDirective] = []
        for directive in directives {
            switch directive {
            case .send(let request, let worker, let shards, _):
                guard let ids = requests[request] else { continue }
                let entries = ids.compactMap { sightings[$0]?.features }.flatMap(matchEntries)
                out.append(.sendMatch(.init(requestID: request, worker: worker, shards: shards.map(shardMap.index(of:)),
                                            sightings: entries)))
            case .completed(let outcome):
                guard let sent = requests.removeValue(forKey: outcome.requestID) else { continue }
                let ids = sent.filter { sightings[$0]?.state == .inFlight(request: outcome.requestID) }
                if outcome.isComplete {
                    out += decide(ids, parts: Array(outcome.parts.values))
                } else {
                    let unserved = outcome.unserved.map(\.rawValue).joined(separator: ",")
                    out.append(Self.log(.warning, "match request unanswered; sightings requeued", ["sightings": "\(ids.count)", "shards": unserved]))
                    out += retryOrFail(ids, reason: "no replica answered shards \(unserved)")
                }
            }
        }
        return out
    }

    /// A sighting as match-request entries of at most `policy.facesPerMatchEntry` faces each.
    func matchEntries(_ features: SightingFeatures) -> [SightingFeatures] {
        let size = max(1, policy.facesPerMatchEntry)
        guard features.embeddings.count > size else { return [features] }
        return stride(from: 0, to: features.embeddings.count, by: size).map { start in
            var part = features
            part.embeddings = Array(features.embeddings[start..<min(start + size, features.embeddings.count)])
            return part
        }
    }

    /// Contract steps 8 and 9 for sightings whose shards all answered: rank,
    /// decide alerts (only for cases still open: one closed meanwhile gets
    /// none), and store them with the matched marks in one transaction.
    mutating func decide(_ ids: [UInt64], parts: [[MatchCandidate]]) -> [CoordinatorDirective] {
        guard !ids.isEmpty else { return [] }
        var bySighting: [UInt64: [[MatchCandidate]]] = [:]
        for part in parts {
            var grouped: [UInt64: [MatchCandidate]] = [:]
            for c in part { grouped[c.sightingID, default: []].append(c) }
            for (id, list) in grouped { bySighting[id, default: []].append(list) }
        }
        let batch = nextBatch
        nextBatch += 1
        var alerts: [CoordinatorDirective.DecidedAlert] = []
        for id in ids {
            let work = sightings[id]!
            let ranked = decider.rank(bySighting[id] ?? [])
            for decision in decider.decide(ranked: ranked, sightingProvince: work.draft.province, caseProvince: { cases[$0]?.province }) {
                guard let entry = cases[decision.candidate.caseID] else { continue }   // closed while in flight
                alerts.append(.init(decision: decision, sighting: work.features, caseEntry: entry))
            }
            sightings[id]!.state = .recording(batch: batch)
        }
        recordingBatches[batch] = ids
        return [.record(.init(batch: batch, alerts: alerts, closures: [], matched: ids))]
    }

    /// Sightings whose attempt failed: back to the queue at the next tick, or
    /// marked failed once `policy.matchTries` attempts went unanswered.
    mutating func retryOrFail(_ ids: [UInt64], reason: String) -> [CoordinatorDirective] {
        var directives: [CoordinatorDirective] = []
        for id in ids {
            guard var work = sightings[id] else { continue }
            work.unansweredTries += 1
            if work.unansweredTries >= policy.matchTries {
                sightings[id] = nil
                counters.failedSightings += 1
                let why = "\(reason) (\(work.unansweredTries) tries)"
                directives.append(.markFailed(sightingID: id, reason: why))
                directives.append(Self.log(.error, "sighting failed: not retried again", ["sighting": "\(id)", "reason": why]))
            } else {
                work.state = .waiting
                sightings[id] = work
                waitingIDs.append(id)   // back in the queue at the next tick, not in this dispatch loop
            }
        }
        return directives
    }

    /// Waiting sightings go back into the queue (each tick).
    mutating func requeueWaiting() {
        for id in waitingIDs where sightings[id]?.state == .waiting {
            sightings[id]!.state = .queued
            queue.push(id, priority: sightings[id]!.priority)
        }
        waitingIDs.removeAll()
    }
}

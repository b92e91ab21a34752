import GeoIndex
import MatchEngine

extension CoordinatorCore {
    /// The id the next registered case gets.
    public mutating func allocateCaseID() -> UInt64 {
        defer { nextCaseID += 1 }
        return nextCaseID
    }

    /// A case is stored: route by it, and send it to its shard's replicas.
    public mutating func caseRegistered(_ entry: CaseEntry, now: CoordinatorTime) -> [CoordinatorDirective] {
        index(entry, now: now)
        if matchConfig.reachTiers.tierIndex(elapsedSeconds: now.unixSeconds - entry.features.missingSince) == nil {
            unboundedShards.insert(entry.shard)
        }
        return [.updateShard(shard: entry.shard, .upsert(entry), to: replicasSynced(to: entry.shard))]
    }

    /// A case is closed in the store: it stops routing and matching at once
    /// (work in flight makes no alert for it), its replicas drop it, and its
    /// province's desk hears of it.
    public mutating func caseClosed(_ caseID: UInt64, found: Bool, now: CoordinatorTime) -> [CoordinatorDirective] {
        guard let entry = cases.removeValue(forKey: caseID) else { return [] }
        _ = reach.remove(id: caseID)
        freshCases.remove(id: caseID)
        counters.closedCases += 1
        let batch = nextBatch
        nextBatch += 1
        let notice = CoordinatorDirective.ClosureNotice(caseID: caseID, found: found, closedAt: now.unixSeconds,
                                                        topic: entry.province ?? NationalTopic.code)
        return [.updateShard(shard: entry.shard, .remove(caseID: caseID), to: replicasSynced(to: entry.shard)),
                .record(.init(batch: batch, alerts: [], closures: [notice], matched: []))]
    }

    /// Contract step 10: what the stored-sighting engine found for a new case.
    /// Each candidate is its own sighting's, decided on its own.
    public mutating func newCaseMatched(_ entry: CaseEntry, found: [(candidate: MatchCandidate, sighting: SightingFeatures, province: String?)]) -> [CoordinatorDirective] {
        guard !found.isEmpty, cases[entry.features.id] != nil else { return [] }
        let batch = nextBatch
        nextBatch += 1
        let alerts = found.map { c in
            CoordinatorDirective.DecidedAlert(
                decision: decider.decide(ranked: [c.candidate], sightingProvince: c.province, caseProvince: { _ in entry.province })[0],
                sighting: c.sighting, caseEntry: entry)
        }
        return [.record(.init(batch: batch, alerts: alerts, closures: [], matched: []))]
    }

    /// The shards whose cases can reach a sighting (by the reach index, plus
    /// every shard holding unlimited-reach cases), and whether any of those
    /// cases is fresh (missing ≤ `urgentWithinSeconds`), which makes it urgent.
    mutating func route(_ s: SightingFeatures) -> (shards: Set<UInt32>, urgent: Bool) {
        var shards = unboundedShards
        // Long-missing cases usually sit in every shard; then the tree walk adds nothing.
        if shards.count < shardMap.shards.count {
            reach.forEachBoundedCase(reaching: s.location, at: s.observedAt) { _, shard in shards.insert(shard) }
        }
        let urgent = freshCases.addShards(reaching: s.location, at: s.observedAt,
                                          missingSinceAtLeast: s.observedAt - matchConfig.urgentWithinSeconds, to: &shards)
        return (shards, urgent)
    }

    mutating func index(_ entry: CaseEntry, now: CoordinatorTime) {
        let f = entry.features
        cases[f.id] = entry
        reach.insert(id: f.id, lastSeen: f.lastSeen, missingSince: f.missingSince, payload: entry.shard)
        if now.unixSeconds - f.missingSince <= matchConfig.urgentWithinSeconds {
            freshCases.insert(id: f.id, lastSeen: f.lastSeen, missingSince: f.missingSince, shard: entry.shard)
        }
    }

    /// Reach tiers move with time: unlimited-reach shards grow, fresh cases age out.
    mutating func refreshReach(now: CoordinatorTime) {
        reach.advance(to: now.unixSeconds)
        unboundedShards = Set(reach.unboundedPayloads())
        for id in Array(freshCases.ids) where cases[id].map({ now.unixSeconds - $0.features.missingSince > matchConfig.urgentWithinSeconds }) ?? true {
            freshCases.remove(id: id)
        }
        freshCases.advance(to: now.unixSeconds)
    }
}

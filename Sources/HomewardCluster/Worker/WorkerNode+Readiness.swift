import ClusterCore

extension WorkerNode {
    /// Why this worker is not ready to serve yet (empty: ready): not registered
    /// (nothing heard from the coordinator since READY), or a shard whose
    /// snapshot is not complete.
    public func notReadyReasons() -> [String] {
        var reasons: [String] = []
        if let sent = lastReadySent {
            if lastHeardFromCoordinator < sent { reasons.append("not registered: no answer to READY yet") }
        } else {
            reasons.append("not registered: READY not sent yet")
        }
        for index in trackers.keys.sorted() {
            guard case .live = trackers[index]!.state else {
                reasons.append("shard \(shardMap.shard(at: index)?.rawValue ?? "\(index)") snapshot not complete")
                continue
            }
        }
        return reasons
    }

    /// Lays out the shards whose cases changed enough since their last layout,
    /// so the next match request does not wait for it (the worker's heartbeat
    /// tick calls this: after a snapshot or a burst of new cases).
    public func prepareLayouts() async {
        let now = clock.unixSeconds()
        for engine in engines.values { await engine.prepare(now: now) }
    }

    /// Cases held per shard name, for the `homeward_worker_cases` gauge.
    public func caseCounts() async -> [String: Int] {
        var counts: [String: Int] = [:]
        for (index, engine) in engines { counts[shardMap.shard(at: index)?.rawValue ?? "\(index)"] = await engine.caseCount() }
        return counts
    }
}

import ClusterCore
import HomewardProtocol
import PhotoPipeline

/// The `status` reply, read from the coordinator core's state.
enum ClusterStatusReport {
    static func make(_ core: CoordinatorCore<RepostDetector>, now: Int64) -> Homeward_V1_ClusterStatus {
        var s = Homeward_V1_ClusterStatus()
        let members = core.membership.members
        s.workers = members.keys.sorted().map { id in
            var w = Homeward_V1_WorkerStatus()
            w.workerID = id.rawValue
            let synced = core.synced[id] ?? []
            w.state = switch members[id]!.state { case .alive: (synced.isEmpty ? .syncing : .ready); case .suspect: .suspect; case .dead: .dead }
            w.shards = synced.sorted()
            w.inFlight = UInt32(core.outstanding(for: id))
            return w
        }
        s.intakeQueueDepth = UInt32(core.queue.count)
        s.urgentQueueDepth = UInt32(core.queue.urgentCount)
        s.bulkQueueDepth = UInt32(core.queue.bulkCount)
        s.openCases = UInt64(core.cases.count)
        s.closedCases = core.counters.closedCases
        s.sightings = core.counters.sightings
        s.reposts = core.counters.reposts
        s.alerts = core.counters.alerts
        s.failedSightings = core.counters.failedSightings
        s.now = now
        return s
    }
}

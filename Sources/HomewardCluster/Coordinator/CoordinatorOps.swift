import ClusterCore
import HomewardProtocol

/// What the ops endpoint and a drain read from the coordinator core, in one
/// hop onto the node's actor (`CoordinatorNode.inspect`): the status the
/// gauges and `/ready` are computed from, and the core's own count of
/// unfinished sightings (it knows each sighting's state; nothing is re-derived here).
struct CoordinatorOps: Sendable {
    let status: Homeward_V1_ClusterStatus
    let shardsWithoutReadyReplica: [String]
    let unfinishedSightings: Int

    static func read(_ node: CoordinatorNode, now: Int64) async -> CoordinatorOps {
        await node.inspect { core in
            CoordinatorOps(status: ClusterStatusReport.make(core, now: now),
                           shardsWithoutReadyReplica: core.shardsWithoutReadyReplica,
                           unfinishedSightings: core.unfinishedSightings)
        }
    }

    static func unfinishedSightings(_ node: CoordinatorNode) async -> Int {
        await node.inspect { $0.unfinishedSightings }
    }
}

import ClusterActors
import ClusterCore
import Distributed

/// The coordinator's control-plane actor, called by workers across processes
/// through the ZeroMQ `DistributedActorSystem` (the hot path uses plain frames:
/// docs/transport.md has the measurements). A worker asks it, before it
/// registers, which shards it holds and whether its config matches the
/// coordinator's: a worker matching with another threshold, vocabulary or
/// shard map would give wrong results silently.
public distributed actor ClusterDirectory {
    public typealias ActorSystem = ClusterActorSystem

    /// The name it is registered under on the coordinator's control endpoint.
    public static let actorName = "directory"

    let config: ClusterConfig

    public init(actorSystem: ClusterActorSystem, config: ClusterConfig) {
        self.actorSystem = actorSystem
        self.config = config
    }

    public distributed func assignment(worker: String) throws -> WorkerAssignment {
        guard config.workers.contains(where: { $0.id.rawValue == worker }) else {
            throw DirectoryError(message: "worker \(worker) is not in the coordinator's config")
        }
        let map = try config.shardMap()
        return WorkerAssignment(shards: map.shards(on: WorkerID(worker)).map(\.rawValue), configDigest: config.matchingDigest)
    }
}

/// What a worker learns from the directory.
public struct WorkerAssignment: Codable, Sendable, Equatable {
    public var shards: [String]
    /// `ClusterConfig.matchingDigest` of the coordinator's config.
    public var configDigest: String
}

/// A refusal from the directory, delivered to the calling worker as itself.
public struct DirectoryError: Error, Codable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

import Distributed
#if canImport(Glibc)
import Glibc
import ClusterActors
#endif

/// A small actor any node can host (conventionally named `probe`): liveness
/// checks from operators, the cross-process tests and `homeward bench rpc`.
public distributed actor ClusterProbe {
    public typealias ActorSystem = ClusterActorSystem

    public init(actorSystem: ClusterActorSystem) {
        self.actorSystem = actorSystem
    }

    /// Returns the bytes unchanged (round-trip measurements).
    public distributed func echo(_ bytes: [UInt8]) -> [UInt8] { bytes }

    /// The node's endpoint and process id, proving which process answered.
    public distributed func whoAmI() -> ProbeIdentity {
        ProbeIdentity(node: actorSystem.endpoint, processID: Int64(getpid()))
    }

    /// Always throws `ClusterProbeError` with `message` (error propagation checks).
    public distributed func fail(_ message: String) throws -> Int {
        throw ClusterProbeError(message: message)
    }

    /// Sleeps, then returns `milliseconds` (timeout checks).
    public distributed func sleep(milliseconds: Int) async throws -> Int {
        try await Task.sleep(for: .milliseconds(milliseconds))
        return milliseconds
    }
}

public struct ProbeIdentity: Codable, Sendable, Equatable {
    public var node: String
    public var processID: Int64
}

/// The error `ClusterProbe.fail` throws; Codable, so it crosses processes as itself.
public struct ClusterProbeError: Error, Codable, Sendable, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}

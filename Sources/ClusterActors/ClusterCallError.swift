import ZeroMQ

/// Why a remote call failed, as the caller sees it. Errors the remote actor
/// throws that are `Codable` and known to this process are rethrown as
/// themselves; other thrown errors arrive as `.remoteThrew`.
public enum ClusterCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No reply within the call's deadline (`ClusterActorSystem.$callTimeout`).
    case timedOut(actor: ClusterActorID, target: String, afterMs: Int64)
    /// The remote actor threw an error this process cannot rebuild.
    case remoteThrew(actor: ClusterActorID, type: String, message: String)
    /// The node has no actor with that name (never created, or deinitialized).
    case actorNotFound(ClusterActorID)
    /// The node does not know the distributed function (different build on each side?).
    case unknownTarget(actor: ClusterActorID, target: String)
    /// The call's deadline had passed before the remote node could start it.
    case expiredBeforeStart(actor: ClusterActorID, target: String)
    /// The request or reply could not be decoded (version skew or corruption).
    case badMessage(String)
    /// ZeroMQ refused the send (e.g. the peer's queue is full).
    case transport(ZMQError)
    /// This actor system was shut down.
    case systemShutDown

    public var description: String {
        switch self {
        case .timedOut(let actor, let target, let ms):
            "call \(target) on \(actor) got no reply within \(ms) ms; the node may be down, stalled or overloaded — retry on a replica or raise the timeout"
        case .remoteThrew(let actor, let type, let message):
            "\(actor) threw \(type): \(message)"
        case .actorNotFound(let actor):
            "no actor \(actor.name) on node \(actor.node); it was never created there or has stopped — resolve a fresh id"
        case .unknownTarget(let actor, let target):
            "\(actor) has no distributed function \(target); are both nodes running the same build?"
        case .expiredBeforeStart(let actor, let target):
            "call \(target) on \(actor) waited past its deadline in the remote queue and was not run; the node is overloaded"
        case .badMessage(let why):
            "malformed remote-call message: \(why); check that both nodes run the same protocol version"
        case .transport(let error):
            "transport failure: \(error)"
        case .systemShutDown:
            "the actor system was shut down; no more remote calls can be made through it"
        }
    }
}


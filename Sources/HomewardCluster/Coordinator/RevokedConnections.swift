import ClusterActors
import Logging
import ZeroMQ

/// Closes the open connections a revocation leaves behind (issue 13). ZAP
/// checks a key only at the CURVE handshake, and libzmq cannot close one
/// peer's connection on a ROUTER or an XPUB, so each socket whose ZAP domain
/// admitted a removed or changed key is bound again: every connection on it
/// ends, its peers reconnect by themselves and pass ZAP again, and the revoked
/// key is refused. Honest peers lose what was in flight on their connection:
/// clients retry with the same request id (the coordinator answers a stored
/// request with its first reply), subscribers catch up by sequence number, and
/// workers register again with their stream cursors (`workerConnectionsDropped`).
/// The sockets stay on their loop thread: only their own loop touches them.
struct RevokedConnections: Sendable {
    let loop: ZMQSocketLoop
    let client: ZMQOpenedSocket
    let workers: ZMQOpenedSocket
    let alerts: AlertSocket
    let actors: ClusterActorSystem
    let node: CoordinatorNode
    let logger: Logger

    /// Drops every connection on the sockets of `domains` (`AccessControl.Change.droppedDomains`).
    func drop(domains: [String]) async {
        for domain in domains {
            let dropped: Bool
            switch domain {
            case "clients":
                dropped = await rebind(client, domain: domain)
            case "workers":
                dropped = await rebind(workers, domain: domain)
                // Whatever was queued to a worker may be lost, stream updates too.
                await node.workerConnectionsDropped()
            case "alerts":
                dropped = await alerts.rebind(logger: logger)
            case "control":
                do {
                    try await actors.dropIncomingConnections()
                    dropped = true
                } catch {
                    logger.error("could not bind the control endpoint again", metadata: ["error": "\(error)"])
                    dropped = false
                }
            default:
                logger.error("no socket serves this ZAP domain; nothing dropped", metadata: ["domain": "\(domain)"])
                dropped = false
            }
            if dropped {
                logger.notice("every connection of a socket dropped after a revocation; admitted peers reconnect",
                              metadata: ["domain": "\(domain)"])
            }
        }
    }

    private func rebind(_ socket: ZMQOpenedSocket, domain: String) async -> Bool {
        for endpoint in socket.boundEndpoints {
            do {
                try await loop.rebind(socket.id, endpoint: endpoint)
            } catch {
                // Nothing listens there now: the socket is unusable for new peers; say so loudly.
                logger.critical("could not bind a socket again after a revocation", metadata: [
                    "domain": "\(domain)", "endpoint": "\(endpoint)", "error": "\(error)"])
                return false
            }
        }
        return true
    }
}

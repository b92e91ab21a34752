extension ZMQSocketLoop {
    /// Ends every connection `socket` accepted on `endpoint` and listens there
    /// again. libzmq has no call to drop one peer of a ROUTER or XPUB; unbinding
    /// an endpoint terminates its listener and, with it, every session that
    /// listener accepted (their queued messages are discarded, as with linger 0).
    /// The peers reconnect by themselves and go through the CURVE handshake and
    /// ZAP again, so only keys admitted now come back. The socket keeps its id,
    /// its inbox and its other endpoints. `endpoint` is one of its bound
    /// endpoints as bound (`boundEndpoints`: a `*` port resolved).
    ///
    /// libzmq closes the old listener on its I/O thread, after `zmq_unbind`
    /// returns: the new bind is tried up to `attempts` times, `pause` apart
    /// (between them the loop serves its other sockets; a peer that connects
    /// meanwhile is refused and retries).
    public func rebind(
        _ socket: ZMQSocketID, endpoint: String, attempts: Int = 250, pause: Duration = .milliseconds(20)
    ) async throws(ZMQError) {
        try await perform { loop throws(ZMQError) in
            guard let s = loop.socket(socket) else { throw .usage("rebind \(endpoint) on \(socket): no such socket in this loop (closed?)") }
            try s.unbind(endpoint)
        }
        var failure = ZMQError.usage("rebind \(endpoint): no attempt made")
        for attempt in 0..<max(1, attempts) {
            do {
                try await perform { loop throws(ZMQError) in
                    guard let s = loop.socket(socket) else { throw .usage("rebind \(endpoint) on \(socket): socket closed while rebinding") }
                    try s.bind(endpoint)
                }
                return
            } catch {
                switch error {
                case .usage, .contextTerminated: throw error   // retrying cannot help
                default: failure = error                        // EADDRINUSE while the old listener closes
                }
            }
            if attempt + 1 < attempts { try? await Task.sleep(for: pause) }
        }
        throw failure
    }
}

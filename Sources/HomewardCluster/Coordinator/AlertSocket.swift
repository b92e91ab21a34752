import Logging
import ZeroMQ

/// The alert XPUB and what is needed to bind it again when a key is revoked.
struct AlertSocket: Sendable {
    let loop: ZMQSocketLoop
    let gate: AlertGate
    let socket: ZMQOpenedSocket
    let options: ZMQSocketOptions

    /// Closes the alerts socket and binds a new one on the same endpoint, so
    /// that every subscriber reconnects through ZAP; the gate sends to the new
    /// one from then on. The old listener is released by libzmq's I/O thread,
    /// so the bind is retried. Subscribers recover what they missed by catch-up.
    func rebind(logger: Logger) async -> Bool {
        let endpoint = socket.boundEndpoints.first ?? ""
        if let old = gate.socket { loop.close(old) }
        for _ in 0..<250 {
            if let opened = try? await loop.open(.xpub, options: options, bind: [endpoint], delivery: .handler { gate.handle($0, $1, $2) }) {
                gate.use(opened.id)
                return true
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        logger.error("could not bind the alerts socket again", metadata: ["endpoint": "\(endpoint)"])
        return false
    }
}

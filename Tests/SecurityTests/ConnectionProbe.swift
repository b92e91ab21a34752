import Foundation
import Synchronization
import ZeroMQ

/// One connection to a coordinator socket, held with a given key, whose
/// socket monitor records what happens to it: the attacker's (or an honest
/// peer's) own view of whether its connection is open, closed, or refused at
/// the handshake. Sends nothing; a DEALER or a SUB does not need to.
final class ConnectionProbe: Sendable {
    let name: String
    private let loop: ZMQSocketLoop
    private let seen = Mutex<[ZMQMonitorEvent]>([])

    private init(name: String, loop: ZMQSocketLoop) {
        self.name = name
        self.loop = loop
    }

    /// Connects a `type` socket to `endpoint` with `curve`, monitored from before the connect.
    static func open(_ name: String, _ type: ZMQSocketType, endpoint: String, curve: ZMQCurveRole?,
                     routingID: String? = nil) async throws -> ConnectionProbe {
        let loop = try ZMQSocketLoop(name: "probe-\(name)")
        let probe = ConnectionProbe(name: name, loop: loop)
        let monitorEndpoint = "inproc://probe-monitor-\(UUID().uuidString)"
        do {
            try await loop.perform { context throws(ZMQError) in
                var options = ZMQSocketOptions(sendHighWaterMark: 1_000, receiveHighWaterMark: 1_000)
                options.curve = curve
                options.reconnectIntervalMs = 100
                if let routingID { options.routingID = Array(routingID.utf8) }
                let opened = try context.open(type, options: options)
                try context.socket(opened.id)!.monitor(monitorEndpoint)
                _ = try context.open(.pair, options: ZMQSocketOptions(sendHighWaterMark: 0, receiveHighWaterMark: 0),
                                     connect: [monitorEndpoint], delivery: .handler { _, _, message in
                    if let event = ZMQMonitorEvent(frames: message.frames) { probe.seen.withLock { $0.append(event) } }
                })
                if type == .sub { try context.socket(opened.id)!.subscribe([]) }
                try context.socket(opened.id)!.connect(endpoint)
            }
        } catch {
            await loop.shutdown()
            throw error
        }
        return probe
    }

    var events: [ZMQMonitorEvent] { seen.withLock { $0 } }
    var count: Int { seen.withLock { $0.count } }

    /// Index of the first `kind` event at or after `index`, waiting up to `timeout` for it.
    func first(_ kind: ZMQMonitorEvent.Kind, from index: Int = 0, timeout: Duration = .seconds(15)) async throws -> Int? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = seen.withLock { events in events.indices.first { $0 >= index && events[$0].kind == kind } }
            if let found { return found }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The events from `index` on, for messages.
    func history(from index: Int = 0) -> String {
        events.dropFirst(index).map(\.description).joined(separator: ", ")
    }

    func close() async { await loop.shutdown() }
}

import Synchronization
import Testing
import ZeroMQ

/// `ZMQSocketLoop.rebind` (issue 13: how a revocation closes live connections)
/// and the socket monitor that shows it from the peer's side.
@Suite struct RebindTests {
    @Test func rebindClosesEveryAcceptedConnectionAndTheSocketServesTheReconnectedPeer() async throws {
        let server = try ZMQSocketLoop(name: "rebind-server")
        let router = try await server.open(.router, options: testOptions(), bind: ["tcp://127.0.0.1:*"], delivery: .inbox(limit: 16))
        let endpoint = router.boundEndpoints[0]
        let client = try ZMQSocketLoop(name: "rebind-client")
        let events = Mutex<[ZMQMonitorEvent]>([])
        let dealer = try await client.perform { loop throws(ZMQError) in
            var options = testOptions()
            options.reconnectIntervalMs = 20
            let dealer = try loop.open(.dealer, options: options)
            try loop.socket(dealer.id)!.monitor("inproc://rebind-monitor")
            _ = try loop.open(.pair, options: testOptions(), connect: ["inproc://rebind-monitor"], delivery: .handler { _, _, message in
                if let event = ZMQMonitorEvent(frames: message.frames) { events.withLock { $0.append(event) } }
            })
            try loop.socket(dealer.id)!.connect(endpoint)
            return dealer.id
        }
        func firstEvent(_ kind: ZMQMonitorEvent.Kind, after index: Int) async throws -> Int? {
            for _ in 0..<500 {
                if let i = events.withLock({ e in e.indices.first { $0 > index && e[$0].kind == kind } }) { return i }
                try await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
        var inbox = router.inbox!.makeAsyncIterator()
        try await client.sendConfirmed([Array("one".utf8)], on: dealer)
        #expect(await inbox.next()?.frames.last == Array("one".utf8))
        let connected = try #require(try await firstEvent(.connected, after: -1))
        #expect(!events.withLock { $0.contains { $0.kind == .disconnected } }, "closed before the rebind")

        try await server.rebind(router.id, endpoint: endpoint)
        let closed = try #require(try await firstEvent(.disconnected, after: connected), "the rebind left the connection open: \(events.withLock { $0 })")
        #expect(try await firstEvent(.connected, after: closed) != nil, "the peer did not reconnect")
        // The same socket (id, inbox) serves the reconnected peer.
        try await client.sendConfirmed([Array("two".utf8)], on: dealer)
        #expect(await inbox.next()?.frames.last == Array("two".utf8))
        await client.shutdown()
        await server.shutdown()
    }

    @Test func monitorEventsDecodeFromLibzmqsTwoFrames() {
        let head: [UInt8] = [0x00, 0x02, 0x2A, 0x00, 0x00, 0x00]   // DISCONNECTED (0x0200), value 42, little-endian
        let event = ZMQMonitorEvent(frames: [head, Array("tcp://10.0.0.1:5570".utf8)])
        #expect(event == ZMQMonitorEvent(kind: .disconnected, value: 42, endpoint: "tcp://10.0.0.1:5570"))
        #expect(ZMQMonitorEvent(frames: [head]) == nil)
        #expect(ZMQMonitorEvent(frames: [[1, 2], []]) == nil)
    }
}

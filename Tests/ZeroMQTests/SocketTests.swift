import Testing
import ZeroMQ

@Suite struct SocketTests {
    @Test func reqRepRoundTripOverTCPLoopback() throws {
        let context = try ZMQContext()
        let rep = try ZMQSocket(context: context, type: .rep, options: testOptions())
        try rep.bind("tcp://127.0.0.1:*")
        let endpoint = try rep.lastEndpoint()
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))
        let req = try ZMQSocket(context: context, type: .req, options: testOptions())
        try req.connect(endpoint)
        for i in 0..<20 {
            try req.sendFrame(Array("ping \(i)".utf8))
            let got = try rep.receive()
            #expect(got == [Array("ping \(i)".utf8)])
            try rep.sendFrame(got[0] + [0xFF])
            #expect(try req.receive() == [Array("ping \(i)".utf8) + [0xFF]])
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func dealerRouterMultipartIntegrityOverInproc(seed: UInt64) throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context: context, type: .router, options: testOptions())
        try router.bind("inproc://multipart-\(seed)")
        var dealerOptions = testOptions()
        dealerOptions.routingID = Array("dealer-1".utf8)
        let dealer = try ZMQSocket(context: context, type: .dealer, options: dealerOptions)
        try dealer.connect("inproc://multipart-\(seed)")
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let message = randomMessage(&rng)
            try dealer.send(message)
            let received = try router.receive()
            #expect(received.first == Array("dealer-1".utf8), "seed \(seed)")
            #expect(Array(received.dropFirst()) == message, "seed \(seed)")
            try router.send(received)  // echo back through the routing id
            #expect(try dealer.receive() == message, "seed \(seed)")
        }
    }

    @Test func zeroCopyFrameReadSeesTheSameBytesAsTheCopyingRead() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull, options: testOptions())
        try pull.bind("inproc://frames")
        let push = try ZMQSocket(context: context, type: .push, options: testOptions())
        try push.connect("inproc://frames")
        let payload: [UInt8] = (0..<1000).map { UInt8($0 % 251) }
        try payload.withUnsafeBytes { try push.sendFrame($0, more: true) }
        try push.sendFrame([7])
        let (first, more1) = try pull.receiveFrame { bytes, more in (Array(bytes), more) }
        let (second, more2) = try pull.receiveFrame { bytes, more in (Array(bytes), more) }
        #expect(first == payload && more1)
        #expect(second == [7] && !more2)
    }

    @Test func pubSubDeliversOnlySubscribedTopics() throws {
        let context = try ZMQContext()
        let xpub = try ZMQSocket(context: context, type: .xpub, options: testOptions())
        try xpub.bind("tcp://127.0.0.1:*")
        var subOptions = testOptions()
        subOptions.subscriptions = [Array("BE.".utf8)]
        let sub = try ZMQSocket(context: context, type: .sub, options: subOptions)
        try sub.connect(try xpub.lastEndpoint())
        // XPUB sees the subscription arrive, so nothing is published before the subscriber listens.
        #expect(try xpub.receive() == [[1] + Array("BE.".utf8)])
        let topics = ["BE.VAN", "NL.NH", "BE.BRU", "B", "BE", "BE.", "FR.IDF"]
        for (i, topic) in topics.enumerated() { try xpub.send([Array(topic.utf8), [UInt8(i)]]) }
        try xpub.send([Array("BE.END".utf8), []])
        var got: [String] = []
        while true {
            let message = try sub.receive()
            let topic = String(decoding: message[0], as: UTF8.self)
            if topic == "BE.END" { break }
            got.append(topic)
        }
        // Oracle: plain prefix filter over what was sent.
        #expect(got == topics.filter { $0.hasPrefix("BE.") })
    }

    @Test func sendHighWaterMarkBoundsTheQueueAndNothingIsLost() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull, options: testOptions(hwm: 4))
        try pull.bind("inproc://hwm")
        let push = try ZMQSocket(context: context, type: .push, options: testOptions(hwm: 4))
        try push.connect("inproc://hwm")
        var sent = 0
        var blocked = false
        while sent < 1000 {
            do {
                try push.sendFrame([UInt8(sent & 0xFF)], dontWait: true)
                sent += 1
            } catch .wouldBlock {
                blocked = true
                break
            }
        }
        #expect(blocked)
        // inproc pipes hold SNDHWM + RCVHWM messages.
        #expect(sent >= 4 && sent <= 8, "sent \(sent) before EAGAIN")
        for i in 0..<sent { #expect(try pull.receive() == [[UInt8(i & 0xFF)]]) }
        #expect(throws: ZMQError.wouldBlock(operation: "zmq_msg_recv")) { try pull.receive(dontWait: true) }
    }

    @Test func routerMandatoryRefusesAnUnknownPeer() throws {
        let context = try ZMQContext()
        var options = testOptions()
        options.routerMandatory = true
        let router = try ZMQSocket(context: context, type: .router, options: options)
        try router.bind("inproc://mandatory")
        #expect(throws: ZMQError.hostUnreachable(operation: "zmq_send")) {
            try router.send([Array("nobody".utf8), Array("hello".utf8)])
        }
        // Without the option, the same send is dropped silently.
        let lax = try ZMQSocket(context: context, type: .router, options: testOptions())
        try lax.send([Array("nobody".utf8), Array("hello".utf8)])
    }

    @Test func maxMessageSizeDropsAnOversizeMessage() throws {
        let context = try ZMQContext()
        var options = testOptions(receiveTimeoutMs: 300)
        options.maxMessageSize = 100
        let pull = try ZMQSocket(context: context, type: .pull, options: options)
        try pull.bind("tcp://127.0.0.1:*")
        let endpoint = try pull.lastEndpoint()
        let big = try ZMQSocket(context: context, type: .push, options: testOptions())
        try big.connect(endpoint)
        try big.sendFrame([UInt8](repeating: 1, count: 101))
        #expect(throws: ZMQError.wouldBlock(operation: "zmq_msg_recv")) { try pull.receive() }
        big.close()
        // A message within the limit from another peer still arrives.
        let small = try ZMQSocket(context: context, type: .push, options: testOptions())
        try small.connect(endpoint)
        try small.sendFrame([UInt8](repeating: 2, count: 100))
        #expect(try pull.receive() == [[UInt8](repeating: 2, count: 100)])
    }

    @Test func closeIsIdempotentAndAClosedSocketRefusesWork() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .dealer, options: testOptions())
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        #expect(throws: ZMQError.self) { try socket.sendFrame([1]) }
        context.terminate()
        context.terminate()
        #expect(context.isTerminated)
    }
}

@Suite struct OptionTests {
    @Test func optionsAreAppliedAsWritten() throws {
        let context = try ZMQContext()
        var options = ZMQSocketOptions(sendHighWaterMark: 17, receiveHighWaterMark: 23)
        options.maxMessageSize = 4096
        options.routingID = Array("node-7".utf8)
        options.receiveTimeoutMs = 250
        options.tcpKeepalive = .init(idleSeconds: 30, intervalSeconds: 5, count: 4)
        options.heartbeat = .init(intervalMs: 1000, timeoutMs: 3000, ttlMs: 6000)
        let socket = try ZMQSocket(context: context, type: .dealer, options: options)
        #expect(try socket.int32Option(17, name: "ZMQ_LINGER") == 0)  // the wrapper's default
        #expect(try socket.int32Option(23, name: "ZMQ_SNDHWM") == 17)
        #expect(try socket.int32Option(24, name: "ZMQ_RCVHWM") == 23)
        #expect(try socket.int64Option(22, name: "ZMQ_MAXMSGSIZE") == 4096)
        #expect(try socket.bytesOption(5, capacity: 255, name: "ZMQ_ROUTING_ID") == Array("node-7".utf8))
        #expect(try socket.int32Option(27, name: "ZMQ_RCVTIMEO") == 250)
        #expect(try socket.int32Option(34, name: "ZMQ_TCP_KEEPALIVE") == 1)
        #expect(try socket.int32Option(36, name: "ZMQ_TCP_KEEPALIVE_IDLE") == 30)
        #expect(try socket.int32Option(37, name: "ZMQ_TCP_KEEPALIVE_INTVL") == 5)
        #expect(try socket.int32Option(35, name: "ZMQ_TCP_KEEPALIVE_CNT") == 4)
        #expect(try socket.int32Option(75, name: "ZMQ_HEARTBEAT_IVL") == 1000)
        #expect(try socket.int32Option(77, name: "ZMQ_HEARTBEAT_TIMEOUT") == 3000)
    }

    @Test func unbindAndDisconnectDetachEndpoints() throws {
        let context = try ZMQContext()
        let first = try ZMQSocket(context: context, type: .pull, options: testOptions(receiveTimeoutMs: 200))
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try first.lastEndpoint()
        try first.unbind(endpoint)
        // libzmq closes the listener asynchronously, so the test checks the
        // socket's own view (no such binding any more), not a re-bind race.
        #expect(throws: ZMQError.self) { try first.unbind(endpoint) }

        let second = try ZMQSocket(context: context, type: .pull, options: testOptions())
        try second.bind("tcp://127.0.0.1:*")
        let other = try second.lastEndpoint()
        let push = try ZMQSocket(context: context, type: .push, options: testOptions())
        try push.connect(other)
        try push.send([[42]])
        #expect(try second.receive() == [[42]])
        try push.disconnect(other)
        #expect(throws: ZMQError.self) { try push.disconnect(other) }  // not connected any more
    }
}

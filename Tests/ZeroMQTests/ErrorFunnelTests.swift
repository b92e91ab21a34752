import Testing
import ZeroMQ
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ErrorFunnelTests {
    @Test func errnoValuesMapToTypedCases() {
        #expect(ZMQError.from(errno: EAGAIN, operation: "op") == .wouldBlock(operation: "op"))
        #expect(ZMQError.from(errno: EHOSTUNREACH, operation: "op") == .hostUnreachable(operation: "op"))
        #expect(ZMQError.from(errno: EMSGSIZE, operation: "op") == .messageTooLarge(operation: "op"))
        // libzmq's own codes: ETERM = 156384712 + 53, EFSM = + 51.
        #expect(ZMQError.from(errno: 156_384_712 + 53, operation: "op") == .contextTerminated(operation: "op"))
        #expect(ZMQError.from(errno: 156_384_712 + 51, operation: "op") == .invalidState(operation: "op"))
        let other = ZMQError.from(errno: EINVAL, operation: "op")
        guard case .other(let code, "op", let message) = other else {
            Issue.record("EINVAL mapped to \(other)")
            return
        }
        #expect(code == EINVAL && !message.isEmpty)
        #expect(other.errno == EINVAL)
        #expect(ZMQError.wouldBlock(operation: "x").errno == EAGAIN)
    }

    @Test func everyMessageNamesTheOperationAndACause() {
        let cases: [ZMQError] = [
            .wouldBlock(operation: "send A"), .contextTerminated(operation: "send A"),
            .hostUnreachable(operation: "send A"), .invalidState(operation: "send A"),
            .messageTooLarge(operation: "send A"), .other(errno: 1, operation: "send A", message: "m"),
        ]
        for error in cases {
            #expect(error.description.hasPrefix("send A: "))
            #expect(error.description.count > "send A: m".count)
        }
    }

    @Test func realCallsThrowTheMappedErrors() throws {
        let context = try ZMQContext()
        let req = try ZMQSocket(context: context, type: .req, options: testOptions())
        try req.connect("inproc://nobody-home")
        try req.sendFrame([1])
        #expect(throws: ZMQError.invalidState(operation: "zmq_send")) { try req.sendFrame([2]) }
        #expect(throws: ZMQError.wouldBlock(operation: "zmq_msg_recv")) { try req.receive(dontWait: true) }

        let bad = try ZMQSocket(context: context, type: .pull, options: testOptions())
        #expect {
            try bad.bind("bogus://x")
        } throws: { error in
            guard case .other(_, let op, _) = error as? ZMQError else { return false }
            return op == "bind bogus://x"
        }
        let taken = try ZMQSocket(context: context, type: .pull, options: testOptions())
        try taken.bind("inproc://taken")
        #expect(throws: ZMQError.self) { try bad.bind("inproc://taken") }
    }

    @Test func aShutDownContextFailsCallsWithETERM() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull, options: testOptions(receiveTimeoutMs: -1))
        try pull.bind("inproc://term")
        context.shutdown()
        #expect(throws: ZMQError.contextTerminated(operation: "zmq_msg_recv")) { try pull.receive() }
        pull.close()
        context.terminate()
    }

    @Test func invalidCurveKeysAreRefusedWithAReason() {
        #expect(throws: ZMQError.self) { try ZMQCurveKey(bytes: [1, 2, 3]) }
        #expect(throws: ZMQError.self) { try ZMQCurveKey(z85: "short") }
        #expect(throws: ZMQError.self) { try ZMQCurveKey(z85: String(repeating: "~", count: 40)) }
    }
}

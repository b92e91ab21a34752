import Testing
import Synchronization
import ZeroMQ

@Suite struct CurveTests {
    @Test func keysRoundTripThroughZ85AndPublicKeyDerivesFromSecret() throws {
        let pair = try ZMQCurveKeyPair.generate()
        #expect(pair.publicKey.z85.count == 40)
        #expect(try ZMQCurveKey(z85: pair.publicKey.z85) == pair.publicKey)
        #expect(try ZMQCurveKeyPair(secretKey: pair.secretKey) == pair)
        #expect(!String(describing: pair).contains(pair.secretKey.z85))
        #expect(try ZMQCurveKeyPair.generate() != pair)
    }

    @Test func policyAdmitsListedKeysByDomainRole() throws {
        let worker = try ZMQCurveKeyPair.generate().publicKey
        let operatorKey = try ZMQCurveKeyPair.generate().publicKey
        let stranger = try ZMQCurveKeyPair.generate().publicKey
        var policy = ZAPPolicy()
        policy.allow(worker, role: "worker")
        policy.allow(operatorKey, role: "operator")
        policy.domainRoles["workers"] = ["worker"]
        func ask(_ key: ZMQCurveKey, domain: String, mechanism: String = "CURVE") -> ZAPReply {
            policy.decide(ZAPRequest(requestID: [9], domain: domain, address: "127.0.0.1", routingID: [],
                                     mechanism: mechanism, credentials: [key.bytes]))
        }
        #expect(ask(worker, domain: "workers") == ZAPReply(requestID: [9], statusCode: "200", statusText: "OK", userID: "worker"))
        #expect(ask(operatorKey, domain: "workers").statusCode == "400")
        #expect(ask(operatorKey, domain: "ops").userID == "operator")
        #expect(ask(stranger, domain: "ops").statusCode == "400")
        #expect(ask(worker, domain: "workers", mechanism: "PLAIN").statusCode == "400")
        policy.revoke(worker)
        #expect(ask(worker, domain: "workers").statusCode == "400")
        // Request frames survive a parse round trip.
        let request = ZAPRequest(requestID: [1, 2], domain: "d", address: "a", routingID: [3], mechanism: "CURVE",
                                 credentials: [worker.bytes])
        #expect(try ZAPRequest(frames: request.frames) == request)
        #expect(throws: ZMQError.self) { try ZAPRequest(frames: [[1]]) }
    }

    /// A CURVE REP server on a socket loop, with the loop serving ZAP.
    private func startServer(allowing keys: [(ZMQCurveKey, String)]) async throws
        -> (ZMQSocketLoop, ZAPAuthenticator, endpoint: String, serverKey: ZMQCurveKey, roles: RoleLog)
    {
        let loop = try ZMQSocketLoop(name: "curve-test")
        var policy = ZAPPolicy()
        for (key, role) in keys { policy.allow(key, role: role) }
        let authenticator = ZAPAuthenticator(policy)
        try await loop.serveZAP(authenticator)
        let serverKeys = try ZMQCurveKeyPair.generate()
        var options = testOptions()
        options.curve = .server(serverKeys)
        options.zapDomain = "test"
        let roles = RoleLog()
        let server = try await loop.open(.rep, options: options, bind: ["tcp://127.0.0.1:*"], delivery: .handler { ctx, socket, message in
            roles.record(message.userID)
            try? ctx.send([Array("ok".utf8)] + message.frames, on: socket)
        })
        return (loop, authenticator, server.boundEndpoints[0], serverKeys.publicKey, roles)
    }

    @Test func allowedClientKeyIsServedAndTaggedWithItsRole() async throws {
        let clientKeys = try ZMQCurveKeyPair.generate()
        let (loop, authenticator, endpoint, serverKey, roles) = try await startServer(allowing: [(clientKeys.publicKey, "intake")])
        let context = try ZMQContext()
        var options = testOptions(receiveTimeoutMs: 3_000)
        options.curve = .client(clientKeys, serverPublicKey: serverKey)
        let client = try ZMQSocket(context: context, type: .req, options: options)
        try client.connect(endpoint)
        try client.sendFrame(Array("hello".utf8))
        #expect(try client.receive() == [Array("ok".utf8), Array("hello".utf8)])
        #expect(roles.all == ["intake"])
        #expect(authenticator.decisionCounts.allowed >= 1)
        client.close()
        await loop.shutdown()
    }

    @Test func clientKeyNotOnTheAllowListIsRefused() async throws {
        let allowed = try ZMQCurveKeyPair.generate()
        let intruder = try ZMQCurveKeyPair.generate()
        let (loop, authenticator, endpoint, serverKey, roles) = try await startServer(allowing: [(allowed.publicKey, "worker")])
        let context = try ZMQContext()
        var options = testOptions(receiveTimeoutMs: 500)
        options.curve = .client(intruder, serverPublicKey: serverKey)
        let client = try ZMQSocket(context: context, type: .req, options: options)
        try client.connect(endpoint)
        try client.sendFrame(Array("let me in".utf8))
        #expect(throws: ZMQError.wouldBlock(operation: "zmq_msg_recv")) { try client.receive() }
        #expect(roles.all.isEmpty)
        #expect(authenticator.decisionCounts.refused >= 1)
        #expect(authenticator.decisionCounts.allowed == 0)
        client.close()
        await loop.shutdown()
    }
}

/// Roles the server saw, written on the loop thread and read by the test.
final class RoleLog: Sendable {
    private let roles = Mutex<[String?]>([])
    func record(_ role: String?) { roles.withLock { $0.append(role) } }
    var all: [String?] { roles.withLock { $0 } }
}

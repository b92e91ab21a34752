import ClusterActors
import Distributed
import Testing
import ZeroMQ

/// Two nodes on loopback, each serving calls, torn down after `body`.
func withTwoNodes(
    _ configure: (inout ClusterActorSystem.Configuration) -> Void = { _ in },
    _ body: (ClusterActorSystem, ClusterActorSystem) async throws -> Void
) async throws {
    var configuration = ClusterActorSystem.Configuration()
    configure(&configuration)
    let a = try await ClusterActorSystem.start(configuration)
    let b = try await ClusterActorSystem.start(configuration)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await a.run() }
        group.addTask { await b.run() }
        do {
            try await body(a, b)
        } catch {
            await a.shutdown()
            await b.shutdown()
            throw error
        }
        await a.shutdown()
        await b.shutdown()
        try await group.waitForAll()
    }
}

@Suite struct ActorSystemTests {
    @Test func valuesCrossNodes() async throws {
        try await withTwoNodes { a, b in
            let calc = b.makeActor(named: "calc") { Calculator(actorSystem: b) }
            #expect(calc.id == ClusterActorID(node: b.endpoint, name: "calc"))
            let remote = try Calculator.resolve(id: calc.id, using: a)
            #expect(__isRemoteActor(remote))
            #expect(try await remote.add(2, 40) == 42)
            try await remote.accumulate(5)
            try await remote.accumulate(7)
            #expect(try await remote.current() == 12)
            #expect(try await remote.halve(nil) == nil)
            #expect(try await remote.halve(9) == 4)
            #expect(try await remote.identity("généric") == "généric")
            #expect(try await remote.identity([1.5, 2.5]) == [1.5, 2.5])
            var rng = SplitMix64(seed: 42)
            let record = randomRecord(&rng)
            var expected = record
            expected.id &+= 1
            expected.shapes.append(.empty)
            #expect(try await remote.transform(record) == expected)
            // The same id resolved on its own node is the local instance.
            let local = try Calculator.resolve(id: calc.id, using: b)
            #expect(!__isRemoteActor(local))
            _ = calc
        }
    }

    @Test func actorReferencesTravelAsArguments() async throws {
        try await withTwoNodes { a, b in
            let onA = a.makeActor(named: "left") { Calculator(actorSystem: a) }
            let onB = b.makeActor(named: "right") { Calculator(actorSystem: b) }
            let remoteB = try Calculator.resolve(id: onB.id, using: a)
            // a → b: askOther(onA) makes b call back into a.
            #expect(try await remoteB.askOther(onA, 21) == 42)
            _ = (onA, onB)
        }
    }

    @Test func thrownErrorsArriveTyped() async throws {
        try await withTwoNodes { a, b in
            let calc = b.makeActor(named: "calc") { Calculator(actorSystem: b) }
            let remote = try Calculator.resolve(id: calc.id, using: a)
            await #expect(throws: CalculatorError.negative(-4)) { try await remote.squareRoot(-4) }
            #expect(try await remote.squareRoot(49) == 7)
            await #expect {
                try await remote.grumble()
            } throws: { error in
                guard case .remoteThrew(let actor, _, let message) = error as? ClusterCallError else { return false }
                return actor == calc.id && message == "the calculator is grumpy"
            }
            let ghost = try Calculator.resolve(id: ClusterActorID(node: b.endpoint, name: "nobody"), using: a)
            await #expect(throws: ClusterCallError.actorNotFound(ClusterActorID(node: b.endpoint, name: "nobody"))) {
                try await ghost.add(1, 1)
            }
            _ = calc
        }
    }

    @Test func deadlinesFailSlowCallsAndTheNodeKeepsWorking() async throws {
        try await withTwoNodes { a, b in
            let calc = b.makeActor(named: "calc") { Calculator(actorSystem: b) }
            let remote = try Calculator.resolve(id: calc.id, using: a)
            await #expect {
                try await ClusterActorSystem.$callTimeout.withValue(.milliseconds(50)) {
                    try await remote.slow(milliseconds: 2_000)
                }
            } throws: { error in
                guard case .timedOut(let actor, _, let ms) = error as? ClusterCallError else { return false }
                return actor == calc.id && ms == 50
            }
            #expect(a.callsInFlight == 0)
            #expect(try await remote.slow(milliseconds: 1) == 1)
            // A node that is down: the call times out rather than hanging.
            let nowhere = try Calculator.resolve(id: ClusterActorID(node: "tcp://127.0.0.1:9", name: "calc"), using: a)
            await #expect(throws: ClusterCallError.self) {
                try await ClusterActorSystem.$callTimeout.withValue(.milliseconds(30)) { try await nowhere.add(1, 2) }
            }
            _ = calc
        }
    }

    @Test func concurrentCallsEachGetTheirOwnReply() async throws {
        try await withTwoNodes { a, b in
            let calcs = (0..<4).map { i in b.makeActor(named: "calc-\(i)") { Calculator(actorSystem: b) } }
            let remotes = try calcs.map { try Calculator.resolve(id: $0.id, using: a) }
            // What is checked is which reply each call gets, not how fast: a
            // generous timeout keeps a CPU-starved CI machine from failing it.
            let results = try await ClusterActorSystem.$callTimeout.withValue(.seconds(60)) {
                try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                    for i in 0..<400 {
                        group.addTask { (i, try await remotes[i % 4].add(i, 1_000_000)) }
                    }
                    return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
                }
            }
            #expect(results.count == 400)
            #expect(results.allSatisfy { $0.value == $0.key + 1_000_000 })
            _ = calcs
        }
    }

    @Test func shutdownFailsCallsInFlightAndLaterCalls() async throws {
        let a = try await ClusterActorSystem.start()
        let b = try await ClusterActorSystem.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await b.run() }
            let calc = b.makeActor(named: "calc") { Calculator(actorSystem: b) }
            let remote = try Calculator.resolve(id: calc.id, using: a)
            #expect(try await remote.add(1, 1) == 2)
            group.addTask {
                await #expect(throws: ClusterCallError.systemShutDown) { try await remote.slow(milliseconds: 5_000) }
            }
            while a.callsInFlight == 0 { await Task.yield() }
            await a.shutdown()
            await #expect(throws: ClusterCallError.systemShutDown) { try await remote.add(1, 1) }
            await b.shutdown()
            try await group.waitForAll()
            _ = calc
        }
    }

    @Test func curveAdmitsOnlyAllowListedNodes() async throws {
        let nodeKeys = try ZMQCurveKeyPair.generate()
        let trustedClient = try ZMQCurveKeyPair.generate()
        let strangerClient = try ZMQCurveKeyPair.generate()
        var policy = ZAPPolicy()
        policy.allow(trustedClient.publicKey, role: "worker")
        func configuration(client: ZMQCurveKeyPair) -> ClusterActorSystem.Configuration {
            var c = ClusterActorSystem.Configuration()
            c.curve = .init(serverKeys: nodeKeys, authenticator: ZAPAuthenticator(policy), clientKeys: client,
                            peerServerKey: { _ in nodeKeys.publicKey })
            return c
        }
        let server = try await ClusterActorSystem.start(configuration(client: trustedClient))
        let trusted = try await ClusterActorSystem.start(configuration(client: trustedClient))
        let stranger = try await ClusterActorSystem.start(configuration(client: strangerClient))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            let calc = server.makeActor(named: "calc") { Calculator(actorSystem: server) }
            #expect(try await Calculator.resolve(id: calc.id, using: trusted).add(3, 4) == 7)
            let refused = try Calculator.resolve(id: calc.id, using: stranger)
            await #expect(throws: ClusterCallError.self) {
                try await ClusterActorSystem.$callTimeout.withValue(.milliseconds(300)) { try await refused.add(3, 4) }
            }
            for system in [server, trusted, stranger] { await system.shutdown() }
            try await group.waitForAll()
            _ = calc
        }
    }
}

import Synchronization
import Testing
import ZeroMQ

@Suite struct SocketLoopTests {
    @Test func loopDeliversToAsyncCodeInOrderAndShutsDownCleanly() async throws {
        let loop = try ZMQSocketLoop(name: "loop-test")
        let pull = try await loop.open(.pull, options: testOptions(), bind: ["tcp://127.0.0.1:*"], delivery: .inbox(limit: 64))
        let push = try await loop.open(.push, options: testOptions(), connect: pull.boundEndpoints)
        let count = 2_000
        for i in 0..<count { loop.send([withUnsafeBytes(of: UInt32(i).littleEndian) { Array($0) }], on: push.id) }
        var received = 0
        for await message in pull.inbox! {
            let value = message.frames[0].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            #expect(Int(UInt32(littleEndian: value)) == received)
            received += 1
            if received == count { break }
        }
        #expect(received == count)
        await loop.shutdown()
        await loop.shutdown()  // idempotent
        #expect(loop.isStopped)
        #expect(loop.context.isTerminated)
    }

    @Test func inboxEndsAtShutdownAndLateWorkFailsWithETERM() async throws {
        let loop = try ZMQSocketLoop(name: "late-test")
        let pull = try await loop.open(.pull, options: testOptions(), bind: ["inproc://late"], delivery: .inbox(limit: 4))
        await loop.shutdown()
        var iterator = pull.inbox!.makeAsyncIterator()
        #expect(await iterator.next() == nil)
        await #expect(throws: ZMQError.self) {
            _ = try await loop.open(.push, options: testOptions(), connect: ["inproc://late"])
        }
        await #expect(throws: ZMQError.self) { try await loop.sendConfirmed([[1]], on: pull.id) }
    }

    @Test(arguments: [1, 3])
    func slowConsumerGetsEverythingThroughTheCredit(limit: Int) async throws {
        let loop = try ZMQSocketLoop(name: "credit-test")
        let pull = try await loop.open(.pull, options: testOptions(hwm: 2), bind: ["inproc://credit"], delivery: .inbox(limit: limit))
        let push = try await loop.open(.push, options: testOptions(hwm: 2), connect: ["inproc://credit"])
        // Far more than queues hold: the loop must park sends on EAGAIN and resume reading as credit returns.
        let count = 300
        for i in 0..<count { loop.send([[UInt8(i & 0xFF)], [UInt8(i >> 8)]], on: push.id) }
        var received = 0
        for await message in pull.inbox! {
            #expect(message.frames == [[UInt8(received & 0xFF)], [UInt8(received >> 8)]])
            received += 1
            if received % 50 == 0 { await Task.yield() }
            if received == count { break }
        }
        #expect(received == count)
        await loop.shutdown()
    }

    @Test func routerMandatoryFailureReachesTheSender() async throws {
        let loop = try ZMQSocketLoop(name: "mandatory")
        var options = testOptions()
        options.routerMandatory = true
        let router = try await loop.open(.router, options: options, bind: ["inproc://m"])
        await #expect(throws: ZMQError.hostUnreachable(operation: "zmq_send")) {
            try await loop.sendConfirmed([Array("ghost".utf8), [1]], on: router.id)
        }
        await loop.shutdown()
    }

    @Test func timersTickOnTheLoopThreadUntilCancelled() async throws {
        let loop = try ZMQSocketLoop(name: "timer-test")
        let (ticks, continuation) = AsyncStream<Int>.makeStream()
        let counter = Mutex(0)
        let timer = try await loop.addTimer(every: .milliseconds(2)) { _ in
            let n = counter.withLock { $0 += 1; return $0 }
            continuation.yield(n)
        }
        var seen: [Int] = []
        for await n in ticks {
            seen.append(n)
            if n == 5 { break }
        }
        #expect(seen == [1, 2, 3, 4, 5])
        loop.cancelTimer(timer)
        // After a round trip through the job queue the cancel has run; the count stays put.
        let after = try await loop.perform { _ in counter.withLock { $0 } }
        let later = try await loop.perform { _ in counter.withLock { $0 } }
        #expect(after == later)
        await loop.shutdown()
    }

    @Test func jobsFromManyTasksAllRunOnTheLoopThread() async throws {
        let loop = try ZMQSocketLoop(name: "jobs")
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<200 { group.addTask { try await loop.perform { _ in i } } }
            return try await group.reduce(0, +)
        }
        #expect(total == (0..<200).reduce(0, +))
        await loop.shutdown()
    }
}

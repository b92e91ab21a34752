import Foundation
import Synchronization
import ZeroMQ

/// The `cluster-probe-node` child process (built beside `homeward`).
struct ProbeNodeChild {
    let process: Process
    let input: Pipe
    let actorNode: String
    let loopEcho: String
    let asyncEcho: String

    static func spawn() throws -> ProbeNodeChild {
        let me = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let exe = me.deletingLastPathComponent().appendingPathComponent("cluster-probe-node")
        guard FileManager.default.isExecutableFile(atPath: exe.path) else {
            throw ValidationErrorText("\(exe.path) is missing; build it with `swift build -c release` (it builds every product)")
        }
        let process = Process()
        process.executableURL = exe
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let f = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard f.count == 4, f[0] == "READY" else { throw ValidationErrorText("cluster-probe-node did not start: \(f)") }
        return ProbeNodeChild(process: process, input: input, actorNode: f[1], loopEcho: f[2], asyncEcho: f[3])
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

/// Plain frames from a blocking DEALER on the calling thread: the floor any
/// design on libzmq can reach.
enum RawSyncBench {
    static func sequential(_ endpoint: String, _ payload: [UInt8], calls: Int) throws -> RPCBenchRow {
        let context = try ZMQContext()
        let dealer = try ZMQSocket(context: context, type: .dealer, options: ZMQSocketOptions(sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000))
        try dealer.connect(endpoint)
        defer { dealer.close() }
        for _ in 0..<500 { try dealer.send([payload]); _ = try dealer.receive() }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(calls)
        let start = ZMQLoopContext.nowNs()
        for _ in 0..<calls {
            let t0 = ZMQLoopContext.nowNs()
            try dealer.send([payload])
            let reply = try dealer.receive()
            guard reply == [payload] else { throw RPCBenchError.wrongReply(path: "frames, blocking DEALER") }
            latencies.append(ZMQLoopContext.nowNs() - t0)
        }
        return RPCBenchRow(path: "frames, blocking DEALER", inFlight: 1, latenciesNs: latencies, elapsedNs: ZMQLoopContext.nowNs() - start)
    }

    /// `window` messages in flight; each carries its send time so latency is per message.
    static func pipelined(_ endpoint: String, _ payload: [UInt8], calls: Int, window: Int) throws -> RPCBenchRow {
        let context = try ZMQContext()
        let dealer = try ZMQSocket(context: context, type: .dealer, options: ZMQSocketOptions(sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000))
        try dealer.connect(endpoint)
        defer { dealer.close() }
        func stamp() -> [UInt8] { withUnsafeBytes(of: ZMQLoopContext.nowNs()) { Array($0) } }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(calls)
        let start = ZMQLoopContext.nowNs()
        var sent = 0
        while sent < min(window, calls) { try dealer.send([stamp(), payload]); sent += 1 }
        while latencies.count < calls {
            let reply = try dealer.receive()
            guard reply.count == 2, reply[0].count == 8, reply[1] == payload else {
                throw RPCBenchError.wrongReply(path: "frames, blocking DEALER, pipelined")
            }
            let t0 = reply[0].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            latencies.append(ZMQLoopContext.nowNs() - t0)
            if sent < calls { try dealer.send([stamp(), payload]); sent += 1 }
        }
        return RPCBenchRow(path: "frames, blocking DEALER", inFlight: window, latenciesNs: latencies, elapsedNs: ZMQLoopContext.nowNs() - start)
    }
}

/// Plain frames from async code, shaped like the actor system (socket loop
/// thread, DEALER, a continuation per request id) minus serialization and
/// the distributed-actor runtime.
final class RawAsyncClient: Sendable {
    let loop: ZMQSocketLoop
    let dealer: ZMQSocketID
    let waiting = Mutex<[UInt64: CheckedContinuation<[UInt8], Never>]>([:])
    let nextID = Mutex<UInt64>(0)

    private init(loop: ZMQSocketLoop, dealer: ZMQSocketID) {
        self.loop = loop
        self.dealer = dealer
    }

    static func connect(_ endpoint: String) async throws -> RawAsyncClient {
        let loop = try ZMQSocketLoop(name: "raw-client")
        let table = WaitTable()
        let opened = try await loop.open(
            .dealer, options: ZMQSocketOptions(sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000),
            connect: [endpoint], delivery: .handler { _, _, message in
                guard message.frames.count == 2, message.frames[0].count == 8 else { return }
                let id = message.frames[0].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                table.resume(id, reply: message.frames[1])
            })
        let client = RawAsyncClient(loop: loop, dealer: opened.id)
        table.client.withLock { $0 = client }
        return client
    }

    /// One round trip; true when the echo came back unchanged.
    func call(_ payload: [UInt8]) async -> Bool {
        let id = nextID.withLock { $0 += 1; return $0 }
        let reply = await withCheckedContinuation { continuation in
            waiting.withLock { $0[id] = continuation }
            loop.send([withUnsafeBytes(of: id) { Array($0) }, payload], on: dealer)
        }
        return reply == payload
    }

    func shutdown() async { await loop.shutdown() }
}

/// Lets the DEALER handler (created before the client) find the client.
final class WaitTable: Sendable {
    let client = Mutex<RawAsyncClient?>(nil)
    func resume(_ id: UInt64, reply: [UInt8]) {
        let c = client.withLock { $0 }
        c?.waiting.withLock { $0.removeValue(forKey: id) }?.resume(returning: reply)
    }
}

/// A benchmark call that did not return its payload: the row would time a failure.
enum RPCBenchError: Error, CustomStringConvertible {
    case wrongReply(path: String)
    case failedCalls(path: String, failed: Int, of: Int)

    var description: String {
        switch self {
        case .wrongReply(let path): "\(path): a reply differed from the payload sent"
        case .failedCalls(let path, let failed, let total): "\(path): \(failed) of \(total) calls failed or returned a different payload; no figure is printed for a row that timed failures"
        }
    }
}

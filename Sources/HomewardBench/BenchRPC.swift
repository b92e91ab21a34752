import ArgumentParser
import ClusterActors
import Foundation
import ZeroMQ
import HomewardTestSupport

/// `homeward bench rpc`: round trip and throughput of a distributed-actor call
/// against plain DEALER/ROUTER frames, between this process and a
/// `cluster-probe-node` child process on loopback.
struct BenchRPC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc",
        abstract: "Distributed actor call vs plain ZeroMQ frames, across two processes on loopback.")

    @Option(help: "Measured calls per row.") var calls = 20_000
    @Option(help: "Calls in flight for the concurrent rows.") var concurrency = 32
    @Option(help: "Payload bytes per call (512 = one 128-d float embedding).") var payload = 512
    @Option(name: .customLong("rounds"), help: "Rounds; each row reports the median over rounds.") var rounds_ = 3
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let node = try ProbeNodeChild.spawn()
        defer { node.stop() }
        let bytes = (0..<payload).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        // Rounds interleave the paths so load from other processes hits all of them alike.
        var rounds: [[RPCBenchRow]] = []
        for _ in 0..<rounds_ {
            rounds.append(try await oneRound(node, bytes))
        }
        let rows = (0..<rounds[0].count).map { i in RPCBenchRow(medianOf: rounds.map { $0[i] }) }

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            print("payload \(payload) B, \(calls) calls per row, median of \(rounds_) rounds, loopback, two processes")
            print("| path | in flight | p50 µs | p99 µs | calls/s |")
            print("|---|---:|---:|---:|---:|")
            for r in rows {
                print("| \(r.path) | \(r.inFlight) | \(fmt(r.p50Us)) | \(fmt(r.p99Us)) | \(Int(r.callsPerSecond)) |")
            }
        }
    }

    private func oneRound(_ node: ProbeNodeChild, _ bytes: [UInt8]) async throws -> [RPCBenchRow] {
        var rows: [RPCBenchRow] = []
        rows.append(try RawSyncBench.sequential(node.loopEcho, bytes, calls: calls))
        rows.append(try RawSyncBench.pipelined(node.loopEcho, bytes, calls: calls, window: concurrency))
        for (label, endpoint) in [("frames, loop-thread echo", node.loopEcho), ("frames, async echo", node.asyncEcho)] {
            let client = try await RawAsyncClient.connect(endpoint)
            _ = try await measure(label, calls: 500, concurrency: 1) { await client.call(bytes) }
            rows.append(try await measure(label, calls: calls, concurrency: 1) { await client.call(bytes) })
            rows.append(try await measure(label, calls: calls, concurrency: concurrency) { await client.call(bytes) })
            await client.shutdown()
        }
        let system = try await ClusterActorSystem.start()
        let probe = try ClusterProbe.resolve(id: ClusterActorID(node: node.actorNode, name: "probe"), using: system)
        // A call that throws or echoes something else is a failure, not a timed call.
        let echo: @Sendable () async -> Bool = { (try? await probe.echo(bytes)) == bytes }
        _ = try await measure("warm-up", calls: 500, concurrency: 1, echo)
        rows.append(try await measure("distributed actor call", calls: calls, concurrency: 1, echo))
        rows.append(try await measure("distributed actor call", calls: calls, concurrency: concurrency, echo))
        await system.shutdown()
        return rows
    }

    private func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Runs `calls` calls from `concurrency` child tasks; latency of each call, total
    /// throughput. Every call must succeed (`call` returns whether its echo came
    /// back unchanged); a row with a failed call is refused, not printed.
    private func measure(
        _ path: String, calls: Int, concurrency: Int, _ call: @escaping @Sendable () async -> Bool
    ) async throws -> RPCBenchRow {
        let perTask = max(1, calls / concurrency)
        let start = ZMQLoopContext.nowNs()
        let (latencies, failed) = await withTaskGroup(of: ([UInt64], Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var local: [UInt64] = []
                    var failed = 0
                    local.reserveCapacity(perTask)
                    for _ in 0..<perTask {
                        let t0 = ZMQLoopContext.nowNs()
                        if await call() { local.append(ZMQLoopContext.nowNs() - t0) } else { failed += 1 }
                    }
                    return (local, failed)
                }
            }
            return await group.reduce(into: ([UInt64](), 0)) { $0.0 += $1.0; $0.1 += $1.1 }
        }
        guard failed == 0 else { throw RPCBenchError.failedCalls(path: path, failed: failed, of: perTask * concurrency) }
        return RPCBenchRow(path: path, inFlight: concurrency, latenciesNs: latencies, elapsedNs: ZMQLoopContext.nowNs() - start)
    }
}

struct RPCBenchRow: Encodable {
    /// The median of each figure over rounds of the same row.
    init(medianOf rows: [RPCBenchRow]) {
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        path = rows[0].path
        inFlight = rows[0].inFlight
        calls = rows[0].calls
        p50Us = median(rows.map(\.p50Us))
        p99Us = median(rows.map(\.p99Us))
        callsPerSecond = median(rows.map(\.callsPerSecond))
    }

    let path: String
    let inFlight: Int
    let calls: Int
    let p50Us: Double
    let p99Us: Double
    let callsPerSecond: Double

    init(path: String, inFlight: Int, latenciesNs: [UInt64], elapsedNs: UInt64) {
        let sorted = latenciesNs.sorted()
        func pct(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1_000
        }
        self.path = path
        self.inFlight = inFlight
        self.calls = sorted.count
        p50Us = pct(0.50)
        p99Us = pct(0.99)
        callsPerSecond = Double(sorted.count) / (Double(elapsedNs) / 1e9)
    }
}

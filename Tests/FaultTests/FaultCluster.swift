import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver
import HomewardProtocol
import NetworkLabSupport

/// A coordinator and three workers, each in a network namespace of its own
/// (`LabCluster`). Every shard has two replicas on different workers, so any
/// one worker can fail.
final class FaultCluster: Sendable {
    let base: LabCluster
    static let workers = ["w1", "w2", "w3"]

    var lab: NetworkLab { base.lab }
    var cluster: LocalCluster { base.cluster }
    var config: ClusterConfig { base.config }
    var runDirectory: String { base.runDirectory }

    private init(base: LabCluster) { self.base = base }

    static func start(index: Int) async throws -> FaultCluster {
        FaultCluster(base: try await LabCluster.start(index: index, workers: workers, name: "homeward-fault") { config in
            for i in config.shards.indices {
                config.shards[i].replicas = [WorkerID(workers[i % 3]), WorkerID(workers[(i + 1) % 3])]
            }
        })
    }

    func stop() { base.stop() }

    /// The worker states in the coordinator's status (empty when it does not answer).
    func workerStates() async -> [String: Homeward_V1_WorkerStatus.State] {
        guard let client = try? await HomewardClient(endpoint: cluster.clientEndpoint, timeoutMilliseconds: 500, curve: try? cluster.curve("admin")) else { return [:] }
        let status = try? await client.call(HomewardClient.request { $0.status = .init() }).clusterStatus
        await client.close()
        return Dictionary((status?.workers ?? []).map { ($0.workerID, $0.state) }, uniquingKeysWith: { a, _ in a })
    }

    /// Seconds from `start` until `worker` is in `state` (polled every 100 ms), or nil at the timeout.
    func seconds(until worker: String, is state: Homeward_V1_WorkerStatus.State, from start: ContinuousClock.Instant,
                 timeout: Duration = .seconds(60)) async throws -> Double? {
        while ContinuousClock.now - start < timeout {
            if await workerStates()[worker] == state { return (ContinuousClock.now - start).secondsValue }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// How often the coordinator has registered `worker` (its log says so once per READY it accepted).
    func registrations(of worker: String) -> Int {
        let log = (try? String(contentsOfFile: cluster.logPath("coordinator"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains("worker=\(worker) ") && $0.hasSuffix("worker registered") }.count
    }

    /// Seconds from `start` until `worker` has registered again (more than
    /// `before` registrations) and is ready, or nil at the timeout.
    func seconds(untilReregistered worker: String, before: Int, from start: ContinuousClock.Instant,
                 timeout: Duration = .seconds(60)) async throws -> Double? {
        while ContinuousClock.now - start < timeout {
            if registrations(of: worker) > before, await workerStates()[worker] == .ready { return (ContinuousClock.now - start).secondsValue }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Seconds from `start` until every worker is ready again, or nil at the timeout.
    func secondsUntilAllReady(from start: ContinuousClock.Instant, timeout: Duration = .seconds(60)) async throws -> Double? {
        while ContinuousClock.now - start < timeout {
            let states = await workerStates()
            if Self.workers.allSatisfy({ states[$0] == .ready }) { return (ContinuousClock.now - start).secondsValue }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}

extension Duration {
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension FaultRun {
    /// The steady load through a `FaultCluster`, with `fault` injected (see `run(cluster:config:seed:fault:)`).
    static func run(_ fc: FaultCluster, seed: UInt64, fault: @escaping @Sendable () async throws -> Timing) async throws -> Outcome {
        try await run(cluster: fc.cluster, config: fc.config, seed: seed, fault: fault)
    }
}

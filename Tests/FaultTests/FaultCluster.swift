import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver
import HomewardProtocol
import Workload

/// A coordinator and three workers, each in a network namespace of its own
/// (`NetworkLab`), started from this build's `homeward` binary. Every shard has
/// two replicas on different workers, so any one worker can fail.
final class FaultCluster: @unchecked Sendable {
    // @unchecked: created, used and stopped by one test, in order.
    let lab: NetworkLab
    let cluster: LocalCluster
    let config: ClusterConfig
    let runDirectory: String
    static let workers = ["w1", "w2", "w3"]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("homeward").path
    }

    private init(lab: NetworkLab, cluster: LocalCluster, config: ClusterConfig, runDirectory: String) {
        self.lab = lab
        self.cluster = cluster
        self.config = config
        self.runDirectory = runDirectory
    }

    static func start(index: Int) async throws -> FaultCluster {
        let lab = NetworkLab(index: index, hosts: ["coord"] + workers)
        try lab.create()
        do {
            let run = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-fault-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: run.appendingPathComponent("geo"),
                                                       withDestinationURL: packageRoot.appendingPathComponent("cluster-config/geo"))
            var config = try ClusterConfig.load(path: packageRoot.appendingPathComponent("cluster-config/local.json").path)
            let host = lab.address("coord")
            config.coordinator.clientEndpoint = "tcp://\(host):5570"
            config.coordinator.alertsEndpoint = "tcp://\(host):5571"
            config.coordinator.workerEndpoint = "tcp://\(host):5572"
            config.coordinator.controlEndpoint = "tcp://\(host):5573"
            config.security.keysDirectory = "keys"
            config.security.allowList = "keys/allow-list.json"
            config.security.dataKey = "keys/data.key"
            config.workers = workers.map { ClusterConfig.Worker(id: WorkerID($0), matchers: 1) }
            for i in config.shards.indices {
                config.shards[i].replicas = [WorkerID(workers[i % 3]), WorkerID(workers[(i + 1) % 3])]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .prettyPrinted
            let configPath = run.appendingPathComponent("cluster.json").path
            try encoder.encode(config).write(to: URL(fileURLWithPath: configPath))
            let cluster = LocalCluster(configPath: configPath, runDirectory: run.appendingPathComponent("run").path, executable: executable)
            cluster.bindEndpoints = [config.coordinator.clientEndpoint, config.coordinator.alertsEndpoint,
                                     config.coordinator.workerEndpoint, config.coordinator.controlEndpoint]
            cluster.namespaces["coordinator"] = lab.namespace("coord")
            for w in workers { cluster.namespaces["worker-\(w)"] = lab.namespace(w) }
            let fc = FaultCluster(lab: lab, cluster: cluster, config: config, runDirectory: run.path)
            try await cluster.startCoordinator()
            for w in workers { try cluster.startWorker(w) }
            try await cluster.waitForWorkers(workers.count)
            return fc
        } catch {
            lab.remove()
            throw error
        }
    }

    func stop() {
        cluster.stop()
        lab.remove()
    }

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

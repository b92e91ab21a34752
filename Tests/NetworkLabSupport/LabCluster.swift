import ClusterCore
import Foundation
import HomewardDriver

/// A coordinator and workers, each in a network namespace of its own
/// (`NetworkLab`), started from this build's `homeward` binary with CURVE and
/// the config's keys, as shipped. The test process stays on the lab's bridge.
/// `FaultTests` and `SecurityTests` start their clusters through this one path.
public final class LabCluster: @unchecked Sendable {
    // @unchecked: created, used and stopped by one test, in order.
    public let lab: NetworkLab
    public let cluster: LocalCluster
    public let config: ClusterConfig
    public let runDirectory: String
    public let configPath: String

    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The `homeward` binary beside the test bundle (the same build).
    public static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("homeward").path
    }

    private init(lab: NetworkLab, cluster: LocalCluster, config: ClusterConfig, runDirectory: String, configPath: String) {
        self.lab = lab
        self.cluster = cluster
        self.config = config
        self.runDirectory = runDirectory
        self.configPath = configPath
    }

    /// Makes the lab (hosts `coord` and `workers`), writes the config
    /// (`local.json` with the coordinator's endpoints on its host, keys under
    /// the run folder, `adjust` for the rest: shard replicas, extra keys),
    /// starts the coordinator and every worker, and waits until all are registered.
    /// `name` prefixes the run folder under the temporary directory.
    public static func start(index: Int, workers: [String], name: String,
                             adjust: (inout ClusterConfig) -> Void) async throws -> LabCluster {
        let lab = NetworkLab(index: index, hosts: ["coord"] + workers)
        try lab.create()
        do {
            let run = try makeRunDirectory(name: name)
            var config = try ClusterConfig.load(path: packageRoot.appendingPathComponent("cluster-config/local.json").path)
            placeCoordinator(&config, on: lab)
            config.security.keysDirectory = "keys"
            config.security.allowList = "keys/allow-list.json"
            config.security.dataKey = "keys/data.key"
            config.workers = workers.map { ClusterConfig.Worker(id: WorkerID($0), matchers: 1) }
            adjust(&config)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .prettyPrinted
            let configPath = run.appendingPathComponent("cluster.json").path
            try encoder.encode(config).write(to: URL(fileURLWithPath: configPath))
            let cluster = LocalCluster(configPath: configPath, runDirectory: run.appendingPathComponent("run").path, executable: executable)
            cluster.bindEndpoints = [config.coordinator.clientEndpoint, config.coordinator.alertsEndpoint,
                                     config.coordinator.workerEndpoint, config.coordinator.controlEndpoint]
            cluster.namespaces["coordinator"] = lab.namespace("coord")
            for w in workers { cluster.namespaces["worker-\(w)"] = lab.namespace(w) }
            let started = LabCluster(lab: lab, cluster: cluster, config: config, runDirectory: run.path, configPath: configPath)
            try await cluster.startCoordinator()
            for w in workers { try cluster.startWorker(w) }
            try await cluster.waitForWorkers(workers.count)
            return started
        } catch {
            lab.remove()
            throw error
        }
    }

    /// A fresh folder under the temporary directory, named `name-UUID`, with the
    /// package's geo data linked in as `geo` (configs name it relatively).
    public static func makeRunDirectory(name: String) throws -> URL {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: run.appendingPathComponent("geo"),
                                                   withDestinationURL: packageRoot.appendingPathComponent("cluster-config/geo"))
        return run
    }

    /// The coordinator's client, alerts, worker and control endpoints on the lab's host `coord` (ports 5570-5573).
    public static func placeCoordinator(_ config: inout ClusterConfig, on lab: NetworkLab) {
        let host = lab.address("coord")
        config.coordinator.clientEndpoint = "tcp://\(host):5570"
        config.coordinator.alertsEndpoint = "tcp://\(host):5571"
        config.coordinator.workerEndpoint = "tcp://\(host):5572"
        config.coordinator.controlEndpoint = "tcp://\(host):5573"
    }

    /// Stops every process, then removes the lab.
    public func stop() {
        cluster.stop()
        lab.remove()
    }
}

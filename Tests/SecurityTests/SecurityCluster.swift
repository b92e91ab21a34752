import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver
import HomewardProtocol
import ZeroMQ

/// A coordinator and two workers, each in a network namespace of its own
/// (`NetworkLab`), with CURVE and the config's keys, as shipped. The test
/// process is the attacker on the network between them (the lab's bridge):
/// it holds whichever keys a test gives it, or none.
final class SecurityCluster: @unchecked Sendable {
    // @unchecked: created, used and stopped by one test, in order.
    let lab: NetworkLab
    let cluster: LocalCluster
    let config: ClusterConfig
    let runDirectory: String
    let configPath: String
    static let workers = ["w1", "w2"]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("homeward").path
    }

    private init(lab: NetworkLab, cluster: LocalCluster, config: ClusterConfig, runDirectory: String, configPath: String) {
        self.lab = lab
        self.cluster = cluster
        self.config = config
        self.runDirectory = runDirectory
        self.configPath = configPath
    }

    static func start(index: Int) async throws -> SecurityCluster {
        let lab = NetworkLab(index: index, hosts: ["coord"] + workers)
        try lab.create()
        do {
            let run = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-security-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: run.appendingPathComponent("geo"),
                                                       withDestinationURL: packageRoot.appendingPathComponent("cluster-config/geo"))
            var config = try ClusterConfig.load(path: packageRoot.appendingPathComponent("cluster-config/local.json").path)
            let host = lab.address("coord")
            config.coordinator.clientEndpoint = "tcp://\(host):5570"
            config.coordinator.alertsEndpoint = "tcp://\(host):5571"
            config.coordinator.workerEndpoint = "tcp://\(host):5572"
            config.coordinator.controlEndpoint = "tcp://\(host):5573"
            config.workers = workers.map { ClusterConfig.Worker(id: WorkerID($0), matchers: 1) }
            for i in config.shards.indices { config.shards[i].replicas = workers.map { WorkerID($0) } }
            config.security.keysDirectory = "keys"
            config.security.allowList = "keys/allow-list.json"
            config.security.dataKey = "keys/data.key"
            config.security.keys += [
                .init(name: "operator-110000", role: "operator", provinces: ["110000"]),
                .init(name: "reviewer-440000", role: "reviewer", provinces: ["440000"]),
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = .prettyPrinted
            let configPath = run.appendingPathComponent("cluster.json").path
            try encoder.encode(config).write(to: URL(fileURLWithPath: configPath))
            let cluster = LocalCluster(configPath: configPath, runDirectory: run.appendingPathComponent("run").path, executable: executable)
            cluster.bindEndpoints = [config.coordinator.clientEndpoint, config.coordinator.alertsEndpoint,
                                     config.coordinator.workerEndpoint, config.coordinator.controlEndpoint]
            cluster.namespaces["coordinator"] = lab.namespace("coord")
            for w in workers { cluster.namespaces["worker-\(w)"] = lab.namespace(w) }
            let sc = SecurityCluster(lab: lab, cluster: cluster, config: config, runDirectory: run.path, configPath: configPath)
            try await cluster.startCoordinator()
            for w in workers { try cluster.startWorker(w) }
            try await cluster.waitForWorkers(workers.count)
            return sc
        } catch {
            lab.remove()
            throw error
        }
    }

    func stop() {
        cluster.stop()
        lab.remove()
    }

    /// A client holding key `name` of this cluster (nil: a plaintext client).
    func client(_ name: String?, timeoutMs: Int = 5_000) async throws -> HomewardClient {
        let curve: ZMQCurveRole? = try name.flatMap { try cluster.curve($0) }
        return try await HomewardClient(endpoint: cluster.clientEndpoint, timeoutMilliseconds: timeoutMs, curve: curve)
    }

    /// Runs `homeward ARGS --config <this cluster's config>`; its exit status and output.
    func homeward(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.executable)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver

/// A real local cluster (separate coordinator and worker processes of the
/// built `homeward` binary) in a temporary folder, for integration tests.
/// On failure, the processes' logs are in `runDirectory`.
struct TestCluster {
    let cluster: LocalCluster
    let configPath: String
    let config: ClusterConfig
    let runDirectory: String

    /// The `homeward` executable built beside this test bundle.
    static var executable: String {
        let tests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return tests.deletingLastPathComponent().appendingPathComponent("homeward").path
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Writes `config` (defaults: the shipped local config) into a new folder
    /// beside a link to the shipped geo data, and starts the coordinator and workers.
    static func start(_ edit: (inout ClusterConfig) -> Void = { _ in }) async throws -> TestCluster {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: run.appendingPathComponent("geo"),
                                                   withDestinationURL: packageRoot.appendingPathComponent("cluster-config/geo"))
        var config = try ClusterConfig.load(path: packageRoot.appendingPathComponent("cluster-config/local.json").path)
        // Keys of this cluster beside its config (CURVE, as shipped).
        config.security.keysDirectory = "keys"
        config.security.allowList = "keys/allow-list.json"
        config.security.dataKey = "keys/data.key"
        edit(&config)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .prettyPrinted
        let configPath = run.appendingPathComponent("cluster.json").path
        try encoder.encode(config).write(to: URL(fileURLWithPath: configPath))
        let cluster = LocalCluster(configPath: configPath, runDirectory: run.appendingPathComponent("run").path, executable: executable)
        try await cluster.startCoordinator()
        for w in config.workers { try cluster.startWorker(w.id.rawValue) }
        let tc = TestCluster(cluster: cluster, configPath: configPath, config: config, runDirectory: run.path)
        try await tc.waitForWorkers(config.workers.count)
        return tc
    }

    func waitForWorkers(_ count: Int) async throws { try await cluster.waitForWorkers(count) }

    func stop() { cluster.stop() }
}

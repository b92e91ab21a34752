import ClusterCore
import Foundation
import NetworkLabSupport
import HomewardDriver
import Testing

/// The shipped national deployment (`cluster-config/national.json`: the
/// coordinator and six regional worker hosts, every shard on two hosts in
/// different regions), each process in a network namespace of its own.
/// Under load, every worker is restarted in turn (SIGTERM: DISCONNECT, then a
/// new process): nothing acknowledged is lost and every expected alert arrives.
@Suite(.serialized) struct NationalDeploymentTests {
    static let hosts = ["h1", "h2", "h3", "h4", "h5", "h6"]

    @Test func rollingRestartOfEveryWorkerLosesNothing() async throws {
        try NetworkLab.requireRoot()
        let lab = NetworkLab(index: 14, hosts: ["coord"] + Self.hosts)
        try lab.create()
        defer { lab.remove() }
        let shipped = try ClusterConfig.load(path: LabCluster.packageRoot.appendingPathComponent("cluster-config/national.json").path)
        #expect(shipped.workers.count == 6)
        // Each shard on two hosts of different regions (a worker id names its region).
        for shard in shipped.shards {
            #expect(shard.replicas.count == 2)
            #expect(Set(shard.replicas.map { $0.rawValue.split(separator: "-")[0] }).count == 2)
        }
        // The shipped file as is, but for addresses: the lab's hosts instead of the national network's.
        var config = shipped
        let coord = lab.address("coord")
        LabCluster.placeCoordinator(&config, on: lab)
        config.coordinator.opsEndpoint = "http://\(coord):5580"
        var hostOf: [String: String] = [:]
        for (i, w) in config.workers.enumerated() {
            hostOf[w.id.rawValue] = Self.hosts[i]
            config.workers[i].opsEndpoint = "http://\(lab.address(Self.hosts[i])):5590"
            config.workers[i].matchers = 1   // seven processes share this machine's cores
        }
        let run = try LabCluster.makeRunDirectory(name: "homeward-national")
        // Keys in the run's folder instead of /etc/homeward/keys.
        config.security.keysDirectory = run.appendingPathComponent("keys").path
        config.security.allowList = run.appendingPathComponent("keys/allow-list.json").path
        config.security.dataKey = run.appendingPathComponent("keys/data.key").path
        let configPath = run.appendingPathComponent("national.json").path
        try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: configPath))
        let cluster = LocalCluster(configPath: configPath, runDirectory: run.appendingPathComponent("run").path, executable: LabCluster.executable)
        defer { cluster.stop() }
        cluster.bindEndpoints = [config.coordinator.clientEndpoint, config.coordinator.alertsEndpoint,
                                 config.coordinator.workerEndpoint, config.coordinator.controlEndpoint]
        cluster.configuredOpsEndpoints = true
        cluster.namespaces["coordinator"] = lab.namespace("coord")
        for (id, host) in hostOf { cluster.namespaces["worker-\(id)"] = lab.namespace(host) }
        try await cluster.startCoordinator()
        for w in config.workers { try cluster.startWorker(w.id.rawValue) }
        try await cluster.waitForWorkers(6)
        #expect(try await OpsHTTPProbe.status("http://\(coord):5580/ready", until: 200) == 200)

        let ids = config.workers.map(\.id.rawValue)
        let outcome = try await FaultRun.run(cluster: cluster, config: config, seed: 90) {
            let start = ContinuousClock.now
            for id in ids {
                cluster.signal(SIGTERM, worker: id)
                let status = try await cluster.waitForExit(worker: id, timeout: .seconds(20))
                guard status == 0 else { throw LocalCluster.LaunchError(description: "worker \(id) exited with \(String(describing: status))") }
                try cluster.startWorker(id)
                try await cluster.waitForWorkers(6)
            }
            return FaultRun.Timing(detected: nil, recovered: (ContinuousClock.now - start).secondsValue)
        }
        print("national rolling restart: \(outcome.timing.recovered.map { String(format: "%.1f s", $0) } ?? "-") for six workers; "
              + "\(outcome.acknowledged)/\(outcome.offered) acknowledged, lost \(outcome.lost), missing \(outcome.missing)")
        #expect(outcome.lost == 0)
        #expect(outcome.missing == 0, "logs in \(run.path)")
        #expect(outcome.unexpected == 0)
        #expect(outcome.report.duplicates == 0)
        #expect(outcome.acknowledged > outcome.offered / 2)
        for (id, host) in hostOf {
            #expect(try await OpsHTTPProbe.status("http://\(lab.address(host)):5590/health", until: 200) == 200, "worker \(id)")
        }
    }
}

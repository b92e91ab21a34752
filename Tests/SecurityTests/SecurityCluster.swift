import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver
import HomewardProtocol
import NetworkLabSupport
import ZeroMQ

/// A coordinator and two workers, each in a network namespace of its own
/// (`LabCluster`), with CURVE and the config's keys, as shipped. The test
/// process is the attacker on the network between them (the lab's bridge):
/// it holds whichever keys a test gives it, or none.
final class SecurityCluster: Sendable {
    let base: LabCluster
    static let workers = ["w1", "w2"]

    var lab: NetworkLab { base.lab }
    var cluster: LocalCluster { base.cluster }
    var config: ClusterConfig { base.config }
    var runDirectory: String { base.runDirectory }
    var configPath: String { base.configPath }
    static var executable: String { LabCluster.executable }

    private init(base: LabCluster) { self.base = base }

    static func start(index: Int) async throws -> SecurityCluster {
        SecurityCluster(base: try await LabCluster.start(index: index, workers: workers, name: "homeward-security") { config in
            for i in config.shards.indices { config.shards[i].replicas = workers.map { WorkerID($0) } }
            config.security.keys += [
                .init(name: "operator-110000", role: "operator", provinces: ["110000"]),
                .init(name: "reviewer-440000", role: "reviewer", provinces: ["440000"]),
            ]
        })
    }

    func stop() { base.stop() }

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

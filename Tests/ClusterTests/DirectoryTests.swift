import ClusterCore
import Foundation
import Testing

/// Workers check their config with the coordinator's `ClusterDirectory`, a
/// distributed actor called across processes, before they register.
@Suite(.serialized) struct DirectoryTests {
    @Test func aWorkerWithAnotherMatchingConfigRefusesToStart() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        var other = tc.config
        other.matching.faceThreshold = 0.5
        let path = URL(fileURLWithPath: tc.runDirectory).appendingPathComponent("other.json").path
        try JSONEncoder().encode(other).write(to: URL(fileURLWithPath: path))
        try tc.cluster.startWorker("w1", configPath: path)
        let status = try await tc.cluster.waitForExit(worker: "w1", timeout: .seconds(30))
        #expect(status != nil && status != 0, "a misconfigured worker must exit with an error")
        let log = (try? String(contentsOfFile: tc.cluster.logPath("worker-w1"), encoding: .utf8)) ?? ""
        #expect(log.contains("differs from the coordinator's"), "\(log)")
    }
}

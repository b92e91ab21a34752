import Foundation
import HomewardDriver
import Testing

/// A worker killed mid-stream: its shards are served by their replica on the
/// other worker, and every expected alert still arrives, once.
@Suite(.serialized) struct WorkerFailureTests {
    @Test func killingAWorkerMidStreamLosesNoAlert() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let w = try EndToEndTests.workload(config: tc.config, seed: 23)
        var run = ClusterRun(clientEndpoint: tc.cluster.clientEndpoint, alertsEndpoint: tc.cluster.alertsEndpoint, workload: w, rate: 60)
        run.keys = try tc.cluster.runKeys()
        run.settle = .seconds(30)
        let progress = RunProgress()
        run.progress = progress
        let cluster = tc.cluster
        let stream = run
        let report = try await withThrowingTaskGroup(of: RunReport?.self) { group in
            group.addTask { try await stream.run { _ in } }
            group.addTask {
                // Kill it mid-stream: once a quarter of the sightings are acknowledged.
                try await progress.waitUntil(acknowledged: w.sightings.count / 4, timeout: .seconds(60))
                cluster.signal(SIGKILL, worker: "w2")
                return nil
            }
            var result: RunReport?
            for try await r in group { if let r { result = r } }
            return result!
        }
        #expect(report.missing == 0, "missing \(report.missing) of \(report.expectedMatches); logs in \(tc.runDirectory)")
        #expect(report.unexpected == 0)
        #expect(report.duplicates == 0)
        #expect(report.sightingsAcknowledged == w.sightings.count, "errors: \(report.errors)")
        let log = (try? String(contentsOfFile: tc.cluster.logPath("coordinator"), encoding: .utf8)) ?? ""
        #expect(log.contains("worker declared dead"), "the coordinator should have noticed the kill")
    }
}

import ClusterCore
import Foundation
import HomewardDriver
import HomewardStore
import Testing

/// SIGTERM drains: the coordinator refuses new work, finishes what it
/// acknowledged (matched and published), and exits 0; a worker says DISCONNECT
/// so its shards move at once.
@Suite(.serialized) struct DrainTests {
    @Test func sigtermDrainsTheCoordinatorAndExitsZero() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let w = try EndToEndTests.workload(config: tc.config, seed: 77)
        var run = ClusterRun(clientEndpoint: tc.cluster.clientEndpoint, alertsEndpoint: tc.cluster.alertsEndpoint, workload: w, rate: 400)
        run.settle = .seconds(1)
        run.keys = try tc.cluster.runKeys()
        run.maxAttempts = 1             // a RETRY_LATER during the drain is the answer under test, not retried
        run.requestTimeoutMilliseconds = 4_000
        let stream = run
        let cluster = tc.cluster
        let ops = try #require(tc.cluster.opsEndpoint("coordinator"))
        let (report, details, drainTime) = try await withThrowingTaskGroup(of: (RunReport, RunDetails)?.self) { group in
            group.addTask { try await stream.runWithDetails { _ in } }
            // SIGTERM once sightings are flowing (40 accepted), then time the drain to the process's exit.
            let accepted = try await OpsHTTP.waitFor(ops, "/metrics") {
                (OpsHTTP.sample($0.body, #"homeward_submissions_total{outcome="accepted"}"#) ?? 0) >= 40
            }
            #expect((OpsHTTP.sample(accepted.body, #"homeward_submissions_total{outcome="accepted"}"#) ?? 0) >= 40)
            let signalled = ContinuousClock.now
            cluster.signalCoordinator(SIGTERM)
            let status = try await cluster.waitForCoordinatorExit(timeout: .seconds(30))
            let drainTime = ContinuousClock.now - signalled
            #expect(status == 0, "coordinator exit status \(String(describing: status)); log in \(tc.runDirectory)")
            var result: (RunReport, RunDetails)?
            for try await r in group { if let r { result = r } }
            return (result!.0, result!.1, drainTime)
        }
        print("coordinator drain under load: SIGTERM to exit \(drainTime)")
        let status = try await tc.cluster.waitForCoordinatorExit(timeout: .seconds(1))
        #expect(status == 0, "coordinator exit status \(String(describing: status)); log in \(tc.runDirectory)")
        let log = (try? String(contentsOfFile: tc.cluster.logPath("coordinator"), encoding: .utf8)) ?? ""
        #expect(log.contains("coordinator draining"))
        #expect(log.contains("coordinator drained"), "the drain did not finish in its bound")
        // Everything acknowledged is stored, and matched: nothing was left for the next start.
        let stored = try tc.cluster.storedSightingIDs()
        #expect(Set(details.sightingIDs.values).isSubset(of: stored))
        let db = try SQLiteDatabase(path: tc.cluster.databasePath)
        let unmatched = try db.prepare("SELECT COUNT(*) FROM sightings WHERE matched_at IS NULL AND repost_of IS NULL").rows { $0.int64(0) }[0]
        db.close()
        #expect(unmatched == 0)
        #expect(report.sightingsAcknowledged > 0)
        #expect(report.duplicates == 0)
    }

    @Test func sigtermedWorkerSaysDisconnectAndItsShardsMoveAtOnce() async throws {
        // Dead-after far beyond the test: a worker declared dead here was declared so by its DISCONNECT.
        let tc = try await TestCluster.start { config in
            config.heartbeat.suspectAfterMilliseconds = 120_000
            config.heartbeat.deadAfterMilliseconds = 240_000
        }
        defer { tc.stop() }
        tc.cluster.signal(SIGTERM, worker: "w1")
        let status = try await tc.cluster.waitForExit(worker: "w1", timeout: .seconds(20))
        #expect(status == 0)
        let coordinator = try #require(tc.cluster.opsEndpoint("coordinator"))
        let page = try await OpsHTTP.waitFor(coordinator, "/metrics") { OpsHTTP.sample($0.body, #"homeward_workers{state="dead"}"#) == 1 }
        #expect(OpsHTTP.sample(page.body, #"homeward_workers{state="dead"}"#) == 1)
        // w2 holds a replica of every shard: the coordinator stays ready.
        #expect(try await OpsHTTP.get(coordinator, "/ready").status == 200)
        let log = (try? String(contentsOfFile: tc.cluster.logPath("worker-w1"), encoding: .utf8)) ?? ""
        #expect(log.contains("DISCONNECT sent"))
    }
}

import ClusterCore
import Foundation
import HomewardDriver
import Testing

/// Every process serves `/metrics`, `/health` and `/ready` on its ops
/// endpoint; the metrics docs/operations.md lists are there, and move with load.
@Suite(.serialized) struct OpsEndpointTests {
    @Test func coordinatorAndWorkersServeMetricsHealthAndReadiness() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let coordinator = try #require(tc.cluster.opsEndpoint("coordinator"))
        #expect(try await OpsHTTP.get(coordinator, "/health").status == 200)
        let ready = try await OpsHTTP.waitFor(coordinator, "/ready") { $0.status == 200 }
        #expect(ready.status == 200, "coordinator not ready: \(ready.body)")

        let w = try EndToEndTests.workload(config: tc.config, seed: 5)
        var run = ClusterRun(clientEndpoint: tc.cluster.clientEndpoint, alertsEndpoint: tc.cluster.alertsEndpoint, workload: w, rate: 200)
        run.keys = try tc.cluster.runKeys()
        let report = try await run.run { _ in }
        #expect(report.sightingsAcknowledged > 0)

        // The tick refreshes the gauges every heartbeat interval: wait for the counters to show the run.
        let page = try await OpsHTTP.waitFor(coordinator, "/metrics") {
            (OpsHTTP.sample($0.body, #"homeward_submissions_total{outcome="accepted"}"#) ?? 0) > 0
        }.body
        let accepted = OpsHTTP.sample(page, #"homeward_submissions_total{outcome="accepted"}"#) ?? 0
        let reposts = OpsHTTP.sample(page, #"homeward_submissions_total{outcome="repost"}"#) ?? 0
        #expect(Int(accepted + reposts) == report.sightingsAcknowledged, "\(page)")
        for name in Self.coordinatorMetrics { #expect(page.contains(name), "\(name) missing from /metrics") }
        #expect(OpsHTTP.sample(page, #"homeward_workers{state="ready"}"#) == Double(tc.config.workers.count))
        let published = page.split(separator: "\n").filter { $0.hasPrefix("homeward_alerts_published_total{province=") }
        #expect(!published.isEmpty)

        for worker in tc.config.workers {
            let endpoint = try #require(tc.cluster.opsEndpoint("worker-\(worker.id)"))
            #expect(try await OpsHTTP.get(endpoint, "/health").status == 200)
            let answer = try await OpsHTTP.waitFor(endpoint, "/ready") { $0.status == 200 }
            // Face models may be missing where ops/setup did not fetch them: then /ready says so.
            #expect(answer.status == 200 || answer.body.contains("face models not loaded"), "\(answer.body)")
            #expect(!answer.body.contains("snapshot not complete"))
            let metrics = try await OpsHTTP.get(endpoint, "/metrics").body
            for name in Self.workerMetrics { #expect(metrics.contains(name), "\(name) missing from worker \(worker.id)'s /metrics") }
        }
    }

    /// Names docs/operations.md lists for the coordinator (every one must be emitted once the run above went through).
    static let coordinatorMetrics = [
        "homeward_submissions_total", "homeward_submit_ack_seconds_bucket", "homeward_submit_alert_seconds_bucket",
        "homeward_store_commit_seconds_bucket", "homeward_store_commit_jobs_bucket", "homeward_alerts_published_total",
        "homeward_queue_depth{queue=\"urgent\"}", "homeward_queue_depth{queue=\"bulk\"}", "homeward_intake_requests_in_flight",
        "homeward_match_requests_in_flight", "homeward_workers{state=", "homeward_open_cases", "homeward_reposts_collapsed_total",
        "homeward_draining", "homeward_sheds_total{reason=\"intake_slots\"}", "process_resident_memory_bytes",
    ]

    static let workerMetrics = [
        "homeward_worker_rows_scanned_per_sighting_bucket", "homeward_worker_match_request_seconds_bucket",
        "homeward_worker_sightings_matched_total", "homeward_worker_cases{shard=", "homeward_worker_extraction_seconds",
        "process_resident_memory_bytes",
    ]
}

import Foundation
import HomewardDriver
import Testing

/// The coordinator SIGKILLed mid-stream and restarted on the same database:
/// every sighting it acknowledged is matched (the unmatched ones from the store),
/// workers re-register by themselves, and no alert is made twice.
@Suite(.serialized) struct CoordinatorRestartTests {
    @Test func acknowledgedSightingsSurviveACoordinatorCrash() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let w = try EndToEndTests.workload(config: tc.config, seed: 31)
        var run = ClusterRun(clientEndpoint: tc.cluster.clientEndpoint, alertsEndpoint: tc.cluster.alertsEndpoint, workload: w, rate: 60)
        run.keys = try tc.cluster.runKeys()
        run.settle = .seconds(40)
        run.requestTimeoutMilliseconds = 8_000   // replies the crash swallowed are not waited for long
        // An alert stored just before the crash may never have left the PUB socket:
        // like any subscriber after a gap, the run catches up from the store.
        run.catchUpTopics = tc.config.shards.flatMap(\.provinces) + ["000000"]
        let progress = RunProgress()
        run.progress = progress
        let stream = run
        let cluster = tc.cluster
        let (report, details) = try await withThrowingTaskGroup(of: (RunReport, RunDetails)?.self) { group in
            group.addTask { try await stream.runWithDetails { _ in } }
            group.addTask {
                // Crash it mid-stream: once a quarter of the sightings are acknowledged.
                try await progress.waitUntil(acknowledged: w.sightings.count / 4, timeout: .seconds(60))
                try await cluster.crashAndRestartCoordinator()
                return nil
            }
            var result: (RunReport, RunDetails)?
            for try await r in group { if let r { result = r } }
            return result!
        }
        // A sighting stored just before the crash whose acknowledgement was lost is
        // matched after the restart too: its alert is right, but the client never
        // learned the sighting's id (or a late case's). Unexpected alerts are counted
        // among pairs whose case and sighting were both acknowledged.
        let acknowledged = Set(details.sightingIDs.values)
        let acknowledgedCases = Set(details.caseIDs.values)
        let truth = Set(w.truePairs.compactMap { p in
            details.caseIDs[p.caseIndex].flatMap { c in details.sightingIDs[p.sightingIndex].map { RunDetails.Pair(caseID: c, sightingID: $0) } }
        })
        // A repost whose original was lost in the crash (never stored) is stored as an
        // original itself, and rightly alerts for its original's case.
        var allowed = truth
        for (j, s) in w.sightings.enumerated() {
            guard case .repost(let source) = s.truth, case .resighting(let c) = w.sightings[source].truth,
                  let caseID = details.caseIDs[c], let id = details.sightingIDs[j] else { continue }
            allowed.insert(RunDetails.Pair(caseID: caseID, sightingID: id))
        }
        let unexpected = details.alertPairs.filter { acknowledged.contains($0.sightingID) && acknowledgedCases.contains($0.caseID) }
            .subtracting(allowed)
        // Expected alerts are counted over acknowledged sightings only: a request
        // whose reply the crash swallowed is the client's to retry.
        #expect(report.missing == 0, "missing \(report.missing) of \(report.expectedMatches); logs in \(tc.runDirectory)")
        #expect(unexpected.isEmpty, "unexpected alerts for acknowledged sightings: \(unexpected)")
        #expect(report.duplicates == 0)
        // The client retries with the same request id, so every submission is acknowledged in the end.
        #expect(acknowledged.count == w.sightings.count, "never acknowledged: \(w.sightings.count - acknowledged.count); errors \(report.errors)")
        #expect(acknowledgedCases.count == w.cases.count, "case registrations never acknowledged")
        let log = (try? String(contentsOfFile: tc.cluster.logPath("coordinator"), encoding: .utf8)) ?? ""
        #expect(log.components(separatedBy: "coordinator recovered").count == 3, "two starts expected")
    }
}

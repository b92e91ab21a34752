import ClusterCore
import Foundation
import GeoIndex
import HomewardClient
import HomewardDriver
import HomewardProtocol
import MatchEngine
import Synchronization
import Testing
import Workload

/// Real processes on loopback: the alerts must equal the matching contract's
/// reference result on a generated workload.
@Suite(.serialized) struct EndToEndTests {
    static func workload(config: ClusterConfig, seed: UInt64) throws -> Workload {
        var spec = WorkloadSpec()
        spec.seed = seed
        spec.initialCases = 400
        spec.lateCases = 4
        spec.sightings = 240
        spec.trueFraction = 0.35
        spec.reposts = 15
        spec.faceThreshold = config.matching.faceThreshold
        spec.now = Int64(Date().timeIntervalSince1970)
        let geo = try GeoData(directory: GeoData.directory(forConfig: TestCluster.packageRoot.appendingPathComponent("cluster-config/local.json").path))
        return WorkloadGenerator(spec: spec, places: geo.places, reachTiers: try config.reachTierTable(),
                                 markVocabulary: config.matching.markVocabulary).generate()
    }

    /// The contract's answer for the cases and sightings the cluster acknowledged.
    static func reference(_ w: Workload, _ d: RunDetails, config: ClusterConfig) throws -> Set<RunDetails.Pair> {
        try ContractReference.expectedAlerts(w, d, config: config)
    }

    @Test func alertsEqualTheReferenceWithLateCasesRepostsAndCrossProvinceAlerts() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let w = try Self.workload(config: tc.config, seed: 11)
        var run = ClusterRun(clientEndpoint: tc.cluster.clientEndpoint, alertsEndpoint: tc.cluster.alertsEndpoint, workload: w, rate: 80)
        run.keys = try tc.cluster.runKeys()
        run.settle = .seconds(20)
        let (report, details) = try await run.runWithDetails { _ in }
        #expect(report.errors.isEmpty, "errors: \(report.errors); logs in \(tc.runDirectory)")
        #expect(report.sightingsAcknowledged == w.sightings.count)

        let expected = try Self.reference(w, details, config: tc.config)
        let truth = Set(w.truePairs.compactMap { p in
            details.caseIDs[p.caseIndex].flatMap { c in details.sightingIDs[p.sightingIndex].map { RunDetails.Pair(caseID: c, sightingID: $0) } }
        })
        #expect(truth.isSubset(of: expected), "the generator's true pairs must pass the contract")
        #expect(details.alertPairs == expected, "missing \(expected.subtracting(details.alertPairs).count), unexpected \(details.alertPairs.subtracting(expected).count); logs in \(tc.runDirectory)")
        #expect(report.duplicates == 0)

        // A case registered after its sighting still gets its alert (contract step 10).
        let lateIndices = Set(w.spec.initialCases..<w.cases.count)
        let lateAlerts = details.alertPairs.filter { pair in lateIndices.contains { details.caseIDs[$0] == pair.caseID } }
        #expect(!lateAlerts.isEmpty)

        // Reposts point at their original and make no alert of their own.
        for (i, s) in w.sightings.enumerated() {
            guard case .repost(let source) = s.truth, let id = details.sightingIDs[i] else { continue }
            #expect(details.repostOf[id] == details.sightingIDs[source])
            #expect(!details.alertPairs.contains { $0.sightingID == id })
        }

        // An alert whose case and sighting lie in different provinces reaches both topics.
        #expect(details.alertTopics.values.contains { $0.count == 2 })
    }
}

/// The Python example client (docs/examples/python), written from the protocol
/// document alone, against a real cluster: register, submit, receive the alert.
@Suite(.serialized) struct PythonClientTests {
    @Test func exampleClientRegistersSubmitsAndReceivesItsAlert() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let p = Process()
        p.executableURL = TestCluster.packageRoot.appendingPathComponent("ops/test-python-example")
        let keys = URL(fileURLWithPath: tc.configPath).deletingLastPathComponent().appendingPathComponent(tc.config.security.keysDirectory).path
        p.arguments = ["--client", tc.cluster.clientEndpoint, "--alerts", tc.cluster.alertsEndpoint, "--timeout", "30", "--keys-dir", keys]
        p.currentDirectoryURL = TestCluster.packageRoot
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "python client failed:\n\(output)\nlogs in \(tc.runDirectory)")
    }
}

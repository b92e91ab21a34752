import ClusterCore
import Foundation
import GeoIndex
import HomewardDriver
import Workload

/// A steady generated load through a cluster of processes with one fault
/// injected during it (a crash, a cut link, a revoked key), and the outcome
/// checked against the matching contract's reference result and the
/// coordinator's database.
public struct FaultRun {
    /// Seconds a fault's recovery took, as the coordinator's status showed it.
    public struct Timing: CustomStringConvertible, Sendable {
        public var detected: Double?
        public var recovered: Double?
        public init(detected: Double? = nil, recovered: Double? = nil) {
            self.detected = detected
            self.recovered = recovered
        }
        public var description: String {
            "detected after \(detected.map { String(format: "%.1f s", $0) } ?? "-"), recovered after \(recovered.map { String(format: "%.1f s", $0) } ?? "-")"
        }
    }

    enum Piece: Sendable {
        case run((report: RunReport, details: RunDetails))
        case fault(Timing)
    }

    public struct Outcome {
        public var report: RunReport
        public var timing: Timing
        /// Acknowledged sightings not in the coordinator's database.
        public var lost: Int
        /// Reference alerts (over acknowledged cases and sightings) that never arrived.
        public var missing: Int
        /// Alerts for acknowledged ids that the reference does not make.
        public var unexpected: Int
        public var acknowledged: Int
        public var offered: Int
        public var casesAcknowledged: Int
        public var casesOffered: Int
    }

    public static func workload(config: ClusterConfig, seed: UInt64) throws -> Workload {
        var spec = WorkloadSpec()
        spec.seed = seed
        spec.initialCases = 600
        spec.lateCases = 6
        spec.sightings = 1_400
        spec.trueFraction = 0.3
        spec.reposts = 40
        spec.faceThreshold = config.matching.faceThreshold
        spec.now = Int64(Date().timeIntervalSince1970)
        let geo = try GeoData(directory: LabCluster.packageRoot.appendingPathComponent("cluster-config/geo").path)
        return WorkloadGenerator(spec: spec, places: geo.places, reachTiers: try config.reachTierTable(),
                                 markVocabulary: config.matching.markVocabulary).generate()
    }

    /// Streams ~25 s of load at 60 events/s through `cluster`; `fault` runs once
    /// 120 submissions are acknowledged (about 2 s into the stream) and returns its timing.
    public static func run(cluster: LocalCluster, config: ClusterConfig, seed: UInt64,
                    fault: @escaping @Sendable () async throws -> Timing) async throws -> Outcome {
        let w = try workload(config: config, seed: seed)
        var run = ClusterRun(clientEndpoint: cluster.clientEndpoint, alertsEndpoint: cluster.alertsEndpoint, workload: w, rate: 60)
        let progress = RunProgress()
        run.progress = progress
        run.settle = .seconds(45)
        run.keys = try cluster.runKeys()
        // A reply lost in a crash is not waited for long; the run counts it unanswered.
        run.requestTimeoutMilliseconds = 10_000
        // Subscribers recover gaps (a PUB message lost in a crash) from the alert store.
        run.catchUpTopics = config.shards.flatMap(\.provinces) + ["000000"]
        let stream = run
        var timing = Timing()
        var result: (report: RunReport, details: RunDetails)?
        try await withThrowingTaskGroup(of: Piece.self) { group in
            group.addTask { .run(try await stream.runWithDetails { _ in }) }
            group.addTask {
                try await progress.waitUntil(acknowledged: 120, timeout: .seconds(60))
                return .fault(try await fault())
            }
            for try await piece in group {
                switch piece {
                case .run(let r): result = r
                case .fault(let t): timing = t
                }
            }
        }
        let (report, details) = result!
        let stored = try cluster.storedSightingIDs()
        let acknowledged = Set(details.sightingIDs.values)
        let acknowledgedCases = Set(details.caseIDs.values)
        let expected = try ContractReference.expectedAlerts(w, details, config: config)
        // Alerts for a sighting or case whose acknowledgement a crash swallowed
        // are right, but the client cannot know their ids: not counted either way.
        let unexpected = details.alertPairs.filter { acknowledged.contains($0.sightingID) && acknowledgedCases.contains($0.caseID) }
            .subtracting(expected)
        return Outcome(report: report, timing: timing, lost: acknowledged.subtracting(stored).count,
                       missing: expected.subtracting(details.alertPairs).count, unexpected: unexpected.count,
                       acknowledged: acknowledged.count, offered: w.sightings.count,
                       casesAcknowledged: acknowledgedCases.count, casesOffered: w.cases.count)
    }
}

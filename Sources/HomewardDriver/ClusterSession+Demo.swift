import Foundation
import Workload

extension ClusterSession {
    /// `homeward demo`: a local cluster of `configPath` in `runDirectory`
    /// (default: a new folder under .demo/), `cases` generated cases, then
    /// `sightings` unique sightings (one repost per 20) at `rate` a second.
    /// Prints progress and `show` live alerts, then the summary (or, with
    /// `json`, only the report as one JSON object). Returns the report.
    public static func demo(
        configPath: String, cases: Int, sightings: Int, rate: Double, seed: UInt64, show: Int, runDirectory: String?, json: Bool
    ) async throws -> RunReport {
        var spec = WorkloadSpec()
        spec.seed = seed
        spec.initialCases = cases
        spec.sightings = sightings
        spec.reposts = sightings / 20
        let folder = runDirectory ?? ".demo/run-\(Int(Date().timeIntervalSince1970))"
        var session = ClusterSession(configPath: configPath, runDirectory: folder, spec: spec, rate: rate)
        session.printAlerts = json ? 0 : show
        let report = try await session.run { line in if !json { print(line) } }
        if json {
            print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        } else {
            print(report.summaryText)
        }
        return report
    }
}

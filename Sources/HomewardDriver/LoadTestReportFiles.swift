import Foundation
import Workload

/// A load-test run's report folder: `summary.json`, `timeseries.csv` (one row
/// a second) and `report.md`; `load-tests/plot.py` adds the PNG plots.
public struct LoadTestReportFiles: Sendable {
    public var folder: String
    public var scenario: Scenario
    public var short: Bool
    public var target: String

    public init(folder: String, scenario: Scenario, short: Bool, target: String) {
        self.folder = folder
        self.scenario = scenario
        self.short = short
        self.target = target
    }

    public var markdownPath: String { path("report.md") }
    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    public func write(report: RunReport, timeline: [RunTimeline.Second]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var summary = try JSONSerialization.jsonObject(with: encoder.encode(report)) as! [String: Any]
        summary["scenario"] = scenario.name
        summary["short"] = short
        summary["target"] = target
        summary["cores"] = ProcessInfo.processInfo.activeProcessorCount
        summary["correct"] = report.isCorrect
        summary["problems"] = report.problems
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path("summary.json")))
        try csv(timeline).write(toFile: path("timeseries.csv"), atomically: true, encoding: .utf8)
        try markdown(report).write(toFile: markdownPath, atomically: true, encoding: .utf8)
        if let p = report.photoSurge {
            // photo-surge: every submission, what the cluster made of it and what the check says.
            try ([PhotoSurgeSummary.csvHeader] + p.csvRows).joined(separator: "\n").appending("\n")
                .write(toFile: path("photos.csv"), atomically: true, encoding: .utf8)
        }
    }

    func csv(_ rows: [RunTimeline.Second]) -> String {
        var out = "second,offered,acknowledged,reposts,retry_later,errors,alerts,alert_p50_ms,alert_p99_ms,fresh_alert_p99_ms,urgent_queue,bulk_queue,workers_in_flight\n"
        for r in rows {
            out += "\(r.second),\(r.offered),\(r.acknowledged),\(r.reposts),\(r.retryLater),\(r.errors),\(r.alerts),"
                + "\(r.alertP50Ms),\(r.alertP99Ms),\(r.freshAlertP99Ms),\(r.urgentQueue),\(r.bulkQueue),\(r.workersInFlight)\n"
        }
        return out
    }

    func markdown(_ r: RunReport) -> String {
        func f(_ v: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", v) }
        let verdict = r.isCorrect
            ? "**correct**: every submission acknowledged, no error, nothing lost, missing, unexpected or duplicated"
            : "**NOT correct**: " + r.problems.joined(separator: "; ")
        var md = """
            # Load test: \(scenario.name)\(short ? " (short)" : "")

            \(scenario.description)

            Target: \(target). Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, shared by the load generator and the cluster.
            Result: \(verdict).

            | measure | value |
            |---|---:|
            | submissions offered | \(r.sightingsOffered) |
            | offered rate (/s) | \(f(r.offeredPerSecond)) |
            | acknowledged | \(r.sightingsAcknowledged) (\(r.reposts) reposts) |
            | achieved rate (/s) | \(f(r.achievedPerSecond)) |
            | unique sightings acknowledged (/s) | \(f(r.uniquePerSecond)) |
            | submit→ack p50 / p99 (ms) | \(f(r.ackP50Ms, 1)) / \(f(r.ackP99Ms, 1)) |
            | submit→alert p50 / p99 / p99.9 (ms) | \(f(r.p50Ms, 1)) / \(f(r.p99Ms, 1)) / \(f(r.p999Ms, 1)) |
            | fresh-abduction alerts, p50 / p99 (ms) | \(r.freshAlerts): \(f(r.freshP50Ms, 1)) / \(f(r.freshP99Ms, 1)) |
            | retried after "retry later" | \(r.retries) |
            | lost (acknowledged, not stored) | \(r.lost.map(String.init) ?? "not checked") |
            | expected alerts found | \(r.foundMatches) of \(r.expectedMatches) |
            | missing | \(r.missing) |
            | unexpected | \(r.unexpected) |
            | duplicate alert copies | \(r.duplicates) |
            | alerts only through catch-up | \(r.caughtUp) |
            | alerts for submissions never acknowledged (unchecked) | \(r.unverified) |
            | unanswered | \(r.unanswered) |

            """
        if !r.errors.isEmpty {
            md += "\nErrors and rejections by kind:\n\n| kind | count |\n|---|---:|\n"
            for (kind, n) in r.errors.sorted(by: { $0.key < $1.key }) { md += "| \(kind) | \(n) |\n" }
        }
        if let p = r.photoSurge { md += photoSection(p) }
        md += """

            ## Over time

            ![offered and achieved rate](rate.png)

            ![alert latency](latency.png)

            ![queue depths](queues.png)

            Rates are per second of the run: *offered* is what the driver sent (open loop: it never waits for
            the cluster), *acknowledged* is what the coordinator stored and answered. Latency is from the first
            submission to the alert, by the second the alert arrived. Queue depths are the coordinator's urgent
            and bulk match queues and the match requests in flight at workers, polled once a second.
            The numbers behind the plots are in `timeseries.csv`; every figure above is in `summary.json`.

            """
        return md
    }
}

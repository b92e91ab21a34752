import Metrics
import Synchronization

/// A worker's metrics through the swift-metrics API (names in docs/operations.md).
public final class WorkerMetrics: Sendable {
    /// Rows one sighting's gate-aware scan scored, over every shard it was matched against (`ScanCounters`' count).
    let rowsPerSighting = Recorder(label: "homeward_worker_rows_scanned_per_sighting")
    let matchRequest = Metrics.Timer(label: "homeward_worker_match_request_seconds")
    let extraction = Metrics.Timer(label: "homeward_worker_extraction_seconds")
    let matchedSightings = Counter(label: "homeward_worker_sightings_matched_total")
    private let cases = Mutex<[String: Gauge]>([:])

    public init() {}

    func matched(rowsScanned: [Int], took: Duration) {
        matchedSightings.increment(by: Int64(rowsScanned.count))
        for rows in rowsScanned { rowsPerSighting.record(rows) }
        matchRequest.recordNanoseconds(CoordinatorMetrics.nanoseconds(took))
    }

    func extracted(took: Duration) { extraction.recordNanoseconds(CoordinatorMetrics.nanoseconds(took)) }

    func update(caseCounts: [String: Int]) {
        for (shard, count) in caseCounts {
            let gauge = cases.withLock { g in
                if let existing = g[shard] { return existing }
                let made = Gauge(label: "homeward_worker_cases", dimensions: [("shard", shard)])
                g[shard] = made
                return made
            }
            gauge.record(count)
        }
    }
}

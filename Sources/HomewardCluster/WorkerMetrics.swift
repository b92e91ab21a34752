import Metrics
import Synchronization

/// A worker's metrics through the swift-metrics API (names in docs/operations.md).
public final class WorkerMetrics: Sendable {
    /// Rows (cases) of the shards one sighting was matched against: the kernel reads each.
    let rowsPerSighting = Recorder(label: "homeward_worker_rows_scanned_per_sighting")
    let matchRequest = Metrics.Timer(label: "homeward_worker_match_request_seconds")
    let extraction = Metrics.Timer(label: "homeward_worker_extraction_seconds")
    let matchedSightings = Counter(label: "homeward_worker_sightings_matched_total")
    private let cases = Mutex<[String: Gauge]>([:])

    public init() {}

    func matched(sightings: Int, rowsEach: Int, took: Duration) {
        matchedSightings.increment(by: Int64(sightings))
        for _ in 0..<sightings { rowsPerSighting.record(rowsEach) }
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

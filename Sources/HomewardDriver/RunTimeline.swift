import Histogram
import Synchronization

/// What a run saw, second by second from the start of the stream: the load
/// sent, what the cluster acknowledged, alert latency, and the coordinator's
/// queue depths from status polls. The load-test report plots it.
public final class RunTimeline: Sendable {
    /// One second of the run; latencies in milliseconds.
    public struct Second: Sendable, Codable {
        public var second: Int
        public var offered = 0
        public var acknowledged = 0
        public var reposts = 0
        public var retryLater = 0
        public var errors = 0
        public var alerts = 0
        public var alertP50Ms = 0.0
        public var alertP99Ms = 0.0
        public var freshAlertP99Ms = 0.0
        /// Deepest queues seen by the status polls in this second (-1: no poll answered).
        public var urgentQueue = -1
        public var bulkQueue = -1
        public var workersInFlight = -1
    }

    private struct Bucket {
        var row: Second
        var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
        var fresh = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
    }

    private let startNs = Atomic<UInt64>(0)
    private let buckets = Mutex<[Bucket]>([])

    public init() {}

    /// Marks the start of the stream (second 0).
    func start(atNs now: UInt64) { startNs.store(now, ordering: .relaxed) }

    /// Records into the second `now` falls in.
    func record(atNs now: UInt64, _ update: (inout Second) -> Void) {
        let start = startNs.load(ordering: .relaxed)
        guard start > 0, now >= start else { return }
        let second = Int((now - start) / 1_000_000_000)
        buckets.withLock { b in
            while b.count <= second { b.append(Bucket(row: Second(second: b.count))) }
            update(&b[second].row)
        }
    }

    func recordAlert(atNs now: UInt64, latencyUs: UInt64, fresh: Bool) {
        let start = startNs.load(ordering: .relaxed)
        guard start > 0, now >= start else { return }
        let second = Int((now - start) / 1_000_000_000)
        buckets.withLock { b in
            while b.count <= second { b.append(Bucket(row: Second(second: b.count))) }
            b[second].row.alerts += 1
            _ = b[second].latency.record(latencyUs)
            if fresh { _ = b[second].fresh.record(latencyUs) }
        }
    }

    public var seconds: [Second] {
        buckets.withLock { b in
            b.map { bucket in
                var row = bucket.row
                func ms(_ h: Histogram<UInt64>, _ p: Double) -> Double { h.totalCount == 0 ? 0 : Double(h.valueAtPercentile(p)) / 1000 }
                row.alertP50Ms = ms(bucket.latency, 50)
                row.alertP99Ms = ms(bucket.latency, 99)
                row.freshAlertP99Ms = ms(bucket.fresh, 99)
                return row
            }
        }
    }
}

import Foundation
import HomewardProtocol
import Metrics
import Synchronization

/// The coordinator's metrics, through the swift-metrics API (the executable
/// chooses the backend: Prometheus on the ops endpoint). Every name is listed
/// in docs/operations.md. No label ever carries personal data: outcomes,
/// provinces, worker states and queue names only.
public final class CoordinatorMetrics: Sendable {
    let submitToAck = Metrics.Timer(label: "homeward_submit_ack_seconds")
    let submitToAlert = Metrics.Timer(label: "homeward_submit_alert_seconds")
    let sheds = Counter(label: "homeward_sheds_total", dimensions: [("reason", "intake_slots")])
    let intakeInFlight = Gauge(label: "homeward_intake_requests_in_flight")
    let matchInFlight = Gauge(label: "homeward_match_requests_in_flight")
    let urgentDepth = Gauge(label: "homeward_queue_depth", dimensions: [("queue", "urgent")])
    let bulkDepth = Gauge(label: "homeward_queue_depth", dimensions: [("queue", "bulk")])
    let openCases = Gauge(label: "homeward_open_cases")
    let reposts = Counter(label: "homeward_reposts_collapsed_total")
    let draining = Gauge(label: "homeward_draining")
    /// One gauge per worker state (Membership's plus "syncing": alive, snapshot not complete).
    let workers: [String: Gauge] = Dictionary(uniqueKeysWithValues: ["ready", "syncing", "suspect", "dead"].map {
        ($0, Gauge(label: "homeward_workers", dimensions: [("state", $0)]))
    })

    private struct State {
        var outcomes: [String: Counter] = [:]
        var published: [String: Counter] = [:]
        /// When each accepted original was received, for submit→alert. Two
        /// generations, the older dropped every `alertWindow`: O(1) per sighting
        /// at any intake rate, and each sighting is remembered one to two windows.
        var received: [UInt64: ContinuousClock.Instant] = [:]
        var receivedBefore: [UInt64: ContinuousClock.Instant] = [:]
        var generationStarted = ContinuousClock.now
        var lastReposts: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Alerts later than one to two of these after their sighting get no submit→alert observation.
    static let alertWindow = Duration.seconds(300)

    public init() {}

    /// A client request was answered: counts submissions by outcome and times submit→ack.
    func replied(isSubmission: Bool, reply: Homeward_V1_Reply, since start: ContinuousClock.Instant) {
        guard isSubmission else { return }
        let now = ContinuousClock.now
        let outcome: String
        switch reply.result {
        case .sightingAccepted(let accepted)?:
            outcome = accepted.hasRepostOf ? "repost" : "accepted"
            if !accepted.hasRepostOf { state.withLock { $0.received[accepted.sightingID] = start } }
        case .error(let error)?: outcome = Self.label(error.code)
        default: outcome = "other"
        }
        counter(outcome: outcome).increment()
        submitToAck.recordNanoseconds(Self.nanoseconds(now - start))
    }

    /// A submission was refused at the intake limit (or while draining) before reaching the actor.
    func shed(reason: String) {
        if reason == "intake_slots" { sheds.increment() }
        counter(outcome: reason == "intake_slots" ? "shed" : "draining").increment()
    }

    /// A message went out on the alert PUB socket: counts alerts per province, times submit→alert.
    func published(_ frames: [Frame]) {
        guard let decoded = try? AlertStreamCodec.decode(frames), case .alert(let alert)? = decoded.event.event else { return }
        let (counter, received) = state.withLock { s -> (Counter, ContinuousClock.Instant?) in
            let c = s.published[alert.topic] ?? Counter(label: "homeward_alerts_published_total", dimensions: [("province", alert.topic)])
            s.published[alert.topic] = c
            return (c, s.received[alert.sightingID] ?? s.receivedBefore[alert.sightingID])
        }
        counter.increment()
        // One observation per alert: its first topic's copy.
        if let received, alert.topic == alert.provinces.first { submitToAlert.recordNanoseconds(Self.nanoseconds(.now - received)) }
    }

    /// Refreshes the gauges from the coordinator's status (every tick).
    func update(status: Homeward_V1_ClusterStatus, intakeInUse: Int, draining: Bool) {
        intakeInFlight.record(intakeInUse)
        matchInFlight.record(status.workers.reduce(0) { $0 + Int($1.inFlight) })
        urgentDepth.record(Int(status.urgentQueueDepth))
        bulkDepth.record(Int(status.bulkQueueDepth))
        openCases.record(Int(status.openCases))
        self.draining.record(draining ? 1 : 0)
        var byState = ["ready": 0, "syncing": 0, "suspect": 0, "dead": 0]
        for w in status.workers { byState[Self.label(w.state), default: 0] += 1 }
        for (name, gauge) in workers { gauge.record(byState[name] ?? 0) }
        let now = ContinuousClock.now
        let newReposts = state.withLock { s -> UInt64 in
            if now - s.generationStarted > Self.alertWindow {
                s.receivedBefore = s.received
                s.received = [:]
                s.generationStarted = now
            }
            defer { s.lastReposts = status.reposts }
            return status.reposts >= s.lastReposts ? status.reposts - s.lastReposts : 0
        }
        if newReposts > 0 { reposts.increment(by: Int64(newReposts)) }
    }

    private func counter(outcome: String) -> Counter {
        state.withLock { s in
            if let c = s.outcomes[outcome] { return c }
            let c = Counter(label: "homeward_submissions_total", dimensions: [("outcome", outcome)])
            s.outcomes[outcome] = c
            return c
        }
    }

    static func label(_ code: Homeward_V1_Error.Code) -> String {
        switch code {
        case .retryLater: "retry_later"
        case .unavailable: "unavailable"
        case .internal: "internal_error"
        default: "rejected"
        }
    }

    static func label(_ state: Homeward_V1_WorkerStatus.State) -> String {
        switch state {
        case .ready: "ready"
        case .syncing: "syncing"
        case .suspect: "suspect"
        default: "dead"
        }
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }
}

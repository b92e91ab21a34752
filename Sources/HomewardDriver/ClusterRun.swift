import Foundation
import Histogram
import HomewardClient
import HomewardProtocol
import PhotoPipeline
import ZeroMQ
import Workload

/// Streams a generated workload through a running cluster over the public
/// client protocol and checks the alerts against the workload's ground truth.
///
/// Arrivals are open-loop: request i is sent at start + i / rate whether or not
/// earlier ones were answered, so a slow cluster shows up as latency and
/// errors rather than as a slower offered load.
public struct ClusterRun: Sendable {
    public var clientEndpoint: String
    public var alertsEndpoint: String
    public var workload: Workload
    /// Stream events per second (sightings and late case registrations).
    public var rate: Double
    /// Print up to this many live alerts as they arrive.
    public var printAlerts: Int = 0
    /// How long to wait for outstanding alerts after the last acknowledgement.
    public var settle: Duration = .seconds(10)
    /// Topics to catch up on at the end when an expected alert never arrived live
    /// (empty: none). The alert stream's gap recovery, as a subscriber does it.
    public var catchUpTopics: [String] = []
    /// A request with no reply after this long counts as unanswered.
    public var requestTimeoutMilliseconds = 30_000
    /// When each stream event is due, in seconds from the start of the stream
    /// (a scenario's schedule); nil: evenly at `rate`.
    public var offsets: [Double]?
    /// Sighting indices whose alerts are timed apart (a scenario's fresh abductions).
    public var freshSightings: Set<Int> = []
    /// Records per-second rates, latencies and queue depths (status polled each second).
    public var timeline: RunTimeline?
    /// Runs between registering the case base and the stream (a local
    /// benchmark waits there for its workers to hold the cases).
    public var afterRegistering: (@Sendable () async throws -> Void)?
    /// A submission answered "retry later" is sent again (same request id) after
    /// the coordinator's retry_after_ms, up to this many times, as a client app does.
    public var maxAttempts = 50
    /// CURVE keys (issue 13): intake submits and registers, the desk receives
    /// alerts and catches up, admin reads status. nil: plain text.
    public var keys = Keys()

    public struct Keys: Sendable {
        public var intake: ZMQCurveRole?
        public var desk: ZMQCurveRole?
        public var admin: ZMQCurveRole?
        public init(intake: ZMQCurveRole? = nil, desk: ZMQCurveRole? = nil, admin: ZMQCurveRole? = nil) {
            self.intake = intake
            self.desk = desk
            self.admin = admin
        }
    }
    /// Per sighting index: photo bytes to submit instead of its embeddings (`photo-surge`); nil: embeddings.
    public var sightingPhotos: [PhotoBytes]?
    /// Case index → photo bytes to register it with instead of its embeddings.
    public var casePhotos: [Int: PhotoBytes] = [:]
    /// Counts acknowledgements as they arrive, for a caller watching the run.
    public var progress: RunProgress?

    public init(clientEndpoint: String, alertsEndpoint: String, workload: Workload, rate: Double) {
        self.clientEndpoint = clientEndpoint
        self.alertsEndpoint = alertsEndpoint
        self.workload = workload
        self.rate = rate
    }

    public func run(log: @escaping @Sendable (String) -> Void = { print($0) }) async throws -> RunReport {
        try await runWithDetails(log: log).report
    }

    /// The report plus what a test needs to check the alerts itself.
    public func runWithDetails(log: @escaping @Sendable (String) -> Void = { print($0) }) async throws -> (report: RunReport, details: RunDetails) {
        let obs = RunObservations(sightings: workload.sightings.count, cases: workload.cases.count)
        let client = try await HomewardClient(endpoint: clientEndpoint, timeoutMilliseconds: requestTimeoutMilliseconds, curve: keys.intake)
        let printAlerts = self.printAlerts
        let subscriber = try await AlertSubscriber(endpoint: alertsEndpoint, curve: keys.desk) { topic, event in
            guard case .alert(let a)? = event.event else { return }
            let now = RunObservations.nowNs()
            let line: String? = obs.state.withLock { s in
                s.alertsReceived += 1
                if !s.alertCopies.insert("\(a.alertID)/\(topic)").inserted { s.duplicateCopies += 1 }
                s.alertTopics[a.alertID, default: []].insert(topic)
                let pair = RunObservations.Pair(caseID: a.caseID, sightingID: a.sightingID)
                guard s.alertPairs.insert(pair).inserted else { return nil }
                if s.firstAlertAt[a.sightingID] == nil {
                    s.firstAlertAt[a.sightingID] = now
                    s.firstAlerts.append(.init(caseID: a.caseID, sightingID: a.sightingID, atNs: now))
                }
                guard s.printed < printAlerts else { return nil }
                s.printed += 1
                return "alert  province \(a.provinces.joined(separator: ",")) case \(a.caseID) sighting \(a.sightingID) score \(String(format: "%.3f", a.score)) \(a.tier == .urgent ? "URGENT" : "review")"
            }
            if let line { log(line) }
        }
        do {
            let report = try await stream(client: client, obs: obs, log: log)
            await subscriber.close()
            await client.close()
            let details = obs.state.withLock { s in
                RunDetails(caseIDs: s.caseIDs, sightingIDs: s.sightingIDs, alertPairs: Set(s.alertPairs.map { RunDetails.Pair(caseID: $0.caseID, sightingID: $0.sightingID) }),
                           alertTopics: s.alertTopics, repostOf: s.repostOf)
            }
            return (report, details)
        } catch {
            await subscriber.close()
            await client.close()
            throw error
        }
    }
}

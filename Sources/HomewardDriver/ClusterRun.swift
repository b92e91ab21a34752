import Foundation
import Histogram
import HomewardClient
import HomewardProtocol
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
        let obs = RunObservations()
        let client = try await HomewardClient(endpoint: clientEndpoint, timeoutMilliseconds: requestTimeoutMilliseconds)
        let printAlerts = self.printAlerts
        let subscriber = try await AlertSubscriber(endpoint: alertsEndpoint) { topic, event in
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
                    if let index = s.sightingIndexByID[a.sightingID], let sent = s.submittedAt[index] {
                        _ = s.alertLatency.record((now - sent) / 1_000)
                    }
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

    func stream(client: HomewardClient, obs: RunObservations, log: @escaping @Sendable (String) -> Void) async throws -> RunReport {
        try await Task.sleep(for: .milliseconds(300))   // let the SUB connection join before alerts flow

        // 1. The initial case base, many requests in flight.
        let startRegister = ContinuousClock.now
        try await registerCases(0..<workload.spec.initialCases, client: client, obs: obs)
        log("registered \(workload.spec.initialCases) cases in \(ContinuousClock.now - startRegister)")

        // 2. The stream, open-loop.
        let start = ContinuousClock.now
        let interval = Duration.seconds(1 / rate)
        let inflight = InFlightCounter()
        for (i, event) in workload.stream.enumerated() {
            let due = start + interval * i
            if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
            switch event {
            case .registerCase(let index):
                register(index, client: client, obs: obs, inflight: inflight)
            case .submitSighting(let index):
                let sentAt = RunObservations.nowNs()
                obs.state.withLock { $0.submittedAt[index] = sentAt }
                inflight.add()
                client.send(RequestBuilder.submit(workload.sightings[index])) { result in
                    defer { inflight.done() }
                    let now = RunObservations.nowNs()
                    switch result {
                    case .success(let reply) where reply.sightingAccepted.sightingID != 0:
                        let a = reply.sightingAccepted
                        obs.state.withLock { s in
                            s.sightingIDs[index] = a.sightingID
                            s.sightingIndexByID[a.sightingID] = index
                            s.acked += 1
                            if a.hasRepostOf {
                                s.reposts += 1
                                s.repostOf[a.sightingID] = a.repostOf
                            }
                            if s.firstAckNs == 0 { s.firstAckNs = now }
                            s.lastAckNs = now
                            _ = s.ackLatency.record((now - sentAt) / 1_000)
                            // An alert can beat its acknowledgement back to us.
                            if let at = s.firstAlertAt[a.sightingID] { _ = s.alertLatency.record((at - sentAt) / 1_000) }
                        }
                    case .success(let reply): obs.error("sighting:\(reply.error.code)@\(reply.error.field)")
                    case .failure(let e):
                        obs.error("sighting:\(Self.kind(e))")
                        if case .timedOut = e { obs.state.withLock { $0.unanswered += 1 } }
                    }
                }
            }
        }
        let offeredSeconds = (ContinuousClock.now - start).seconds
        while inflight.count > 0 { try await Task.sleep(for: .milliseconds(20)) }

        // 3. Wait for the expected alerts (or the settle time).
        let expected = expectedPairs(obs)
        let settleDeadline = ContinuousClock.now + settle
        while ContinuousClock.now < settleDeadline {
            let missing = obs.state.withLock { s in expected.subtracting(s.alertPairs).count }
            if missing == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(200))   // late duplicates would show here
        if !catchUpTopics.isEmpty {
            let missing = obs.state.withLock { s in expected.subtracting(s.alertPairs).count }
            if missing > 0 { try await catchUp(client: client, obs: obs) }
        }
        return report(obs, expected: expected, offeredSeconds: offeredSeconds)
    }

    /// Reads every alert stored on `catchUpTopics` with `AlertCatchUp`, as a
    /// subscriber does after a gap (a PUB message is lost when its publisher
    /// crashes just after storing it; the store has it).
    func catchUp(client: HomewardClient, obs: RunObservations) async throws {
        for topic in catchUpTopics {
            for event in try await client.catchUp(topic: topic) {
                guard case .alert(let a)? = event.event else { continue }
                let pair = RunObservations.Pair(caseID: a.caseID, sightingID: a.sightingID)
                obs.state.withLock { s in
                    if s.alertPairs.insert(pair).inserted { s.caughtUp += 1 }
                    s.alertTopics[a.alertID, default: []].insert(topic)
                }
            }
        }
    }

    func registerCases(_ range: Range<Int>, client: HomewardClient, obs: RunObservations) async throws {
        let inflight = InFlightCounter()
        for index in range {
            while inflight.count >= 512 { try await Task.sleep(for: .milliseconds(1)) }
            register(index, client: client, obs: obs, inflight: inflight)
        }
        while inflight.count > 0 { try await Task.sleep(for: .milliseconds(5)) }
    }

    /// Sends one case registration; its id (or error) lands in `obs`.
    func register(_ index: Int, client: HomewardClient, obs: RunObservations, inflight: InFlightCounter) {
        inflight.add()
        client.send(RequestBuilder.register(workload.cases[index])) { result in
            defer { inflight.done() }
            switch result {
            case .success(let reply) where reply.caseRegistered.caseID != 0:
                obs.state.withLock { $0.caseIDs[index] = reply.caseRegistered.caseID }
            case .success(let reply): obs.error("case:\(reply.error.code)@\(reply.error.field)")
            case .failure(let e): obs.error("case:\(Self.kind(e))")
            }
        }
    }

    /// Ground truth as (case id, sighting id) pairs, for the ids the cluster assigned.
    func expectedPairs(_ obs: RunObservations) -> Set<RunObservations.Pair> {
        obs.state.withLock { s in
            Set(workload.truePairs.compactMap { pair in
                guard let c = s.caseIDs[pair.caseIndex], let sid = s.sightingIDs[pair.sightingIndex] else { return nil }
                return RunObservations.Pair(caseID: c, sightingID: sid)
            })
        }
    }

    func report(_ obs: RunObservations, expected: Set<RunObservations.Pair>, offeredSeconds: Double) -> RunReport {
        obs.state.withLock { s in
            let found = expected.intersection(s.alertPairs).count
            let window = Double(s.lastAckNs - s.firstAckNs) / 1e9
            let unique = s.acked - s.reposts
            func ms(_ h: Histogram<UInt64>, _ p: Double) -> Double { h.totalCount == 0 ? 0 : Double(h.valueAtPercentile(p)) / 1000 }
            return RunReport(
                cases: s.caseIDs.count, sightingsOffered: workload.stream.count,
                offeredPerSecond: Double(workload.stream.count) / max(offeredSeconds, 1e-9),
                sightingsAcknowledged: s.acked, uniquePerSecond: window > 0 ? Double(unique) / window : 0, reposts: s.reposts,
                ackP50Ms: ms(s.ackLatency, 50), ackP99Ms: ms(s.ackLatency, 99),
                p50Ms: ms(s.alertLatency, 50), p99Ms: ms(s.alertLatency, 99), p999Ms: ms(s.alertLatency, 99.9),
                alertsReceived: s.alertsReceived, expectedMatches: expected.count, foundMatches: found,
                missing: expected.count - found, unexpected: s.alertPairs.subtracting(expected).count,
                duplicates: s.duplicateCopies, caughtUp: s.caughtUp, unanswered: s.unanswered,
                errors: s.errors)
        }
    }

    static func kind(_ e: ClientError) -> String {
        switch e {
        case .rejected(let err): "\(err.code)@\(err.field)"
        case .timedOut: "timeout"
        case .badReply: "bad-reply"
        case .closed: "closed"
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

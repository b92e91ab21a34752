import Foundation
import Histogram
import HomewardClient
import HomewardProtocol

extension ClusterRun {
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

    /// Ground truth as (case id, sighting id) pairs, for the ids the cluster assigned.
    func expectedPairs(_ obs: RunObservations) -> Set<RunObservations.Pair> {
        obs.state.withLock { s in
            Set(workload.truePairs.compactMap { pair in
                // A submission acknowledged as a repost makes no alert (photo-surge
                // marks every photo its reference matches, variants included).
                guard let c = s.caseIDs[pair.caseIndex], let sid = s.sightingIDs[pair.sightingIndex], s.repostOf[sid] == nil else { return nil }
                return RunObservations.Pair(caseID: c, sightingID: sid)
            })
        }
    }

    func report(_ obs: RunObservations, expected: Set<RunObservations.Pair>, offeredSeconds: Double) -> RunReport {
        obs.state.withLock { s in
            s.timeAlerts(freshSightings: freshSightings, timeline: timeline)
            let found = expected.intersection(s.alertPairs).count
            // An alert naming a sighting or case whose acknowledgement never came
            // back (timed out) cannot be checked against the truth: counted apart.
            let ackedSightings = Set(s.sightingIDs.values), ackedCases = Set(s.caseIDs.values)
            let beyondTruth = s.alertPairs.subtracting(expected)
            let unexpected = beyondTruth.filter { ackedSightings.contains($0.sightingID) && ackedCases.contains($0.caseID) }.count
            let window = Double(s.lastAckNs - s.firstAckNs) / 1e9
            let unique = s.acked - s.reposts
            func ms(_ h: Histogram<UInt64>, _ p: Double) -> Double { h.totalCount == 0 ? 0 : Double(h.valueAtPercentile(p)) / 1000 }
            var r = RunReport(
                cases: s.caseIDs.count, sightingsOffered: workload.stream.count,
                offeredPerSecond: Double(workload.stream.count) / max(offeredSeconds, 1e-9),
                sightingsAcknowledged: s.acked, uniquePerSecond: window > 0 ? Double(unique) / window : 0, reposts: s.reposts,
                ackP50Ms: ms(s.ackLatency, 50), ackP99Ms: ms(s.ackLatency, 99),
                p50Ms: ms(s.alertLatency, 50), p99Ms: ms(s.alertLatency, 99), p999Ms: ms(s.alertLatency, 99.9),
                alertsReceived: s.alertsReceived, expectedMatches: expected.count, foundMatches: found,
                missing: expected.count - found, unexpected: unexpected,
                duplicates: s.duplicateCopies, caughtUp: s.caughtUp, unanswered: s.unanswered,
                errors: s.errors)
            r.achievedPerSecond = s.lastAckNs > s.streamStartNs ? Double(s.acked) / (Double(s.lastAckNs - s.streamStartNs) / 1e9) : 0
            r.retries = s.retries
            r.sightingsNeverAcknowledged = workload.sightings.count - s.sightingIDs.count
            r.casesNeverAcknowledged = workload.cases.count - s.caseIDs.count
            r.unverified = beyondTruth.count - unexpected
            r.freshAlerts = s.freshAlerts
            r.freshP50Ms = ms(s.freshAlertLatency, 50)
            r.freshP99Ms = ms(s.freshAlertLatency, 99)
            r.freshP999Ms = ms(s.freshAlertLatency, 99.9)
            return r
        }
    }

    static func kind(_ e: ClientError) -> String {
        switch e {
        case .rejected(let err): "\(err.code)@\(err.field)"
        case .timedOut: "timeout"
        case .badReply: "bad-reply"
        case .notSent: "not-sent"
        case .closed: "closed"
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

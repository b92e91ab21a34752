import Foundation
import Histogram
import HomewardProtocol
import Synchronization

/// What a run saw, recorded from the client and subscriber threads.
final class RunObservations: Sendable {
    struct State {
        var caseIDs: [Int: UInt64] = [:]
        var sightingIDs: [Int: UInt64] = [:]
        var sightingIndexByID: [UInt64: Int] = [:]
        var submittedAt: [Int: UInt64] = [:]
        var ackLatency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var alertLatency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var firstAlertAt: [UInt64: UInt64] = [:]
        var freshAlertLatency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var freshAlerts = 0
        var alertPairs: Set<Pair> = []
        var alertCopies: Set<String> = []
        var duplicateCopies = 0
        var alertsReceived = 0
        var errors: [String: Int] = [:]
        var acked = 0
        var reposts = 0
        var firstAckNs: UInt64 = 0
        var lastAckNs: UInt64 = 0
        var printed = 0
        var unanswered = 0
        var caughtUp = 0
        var alertTopics: [String: Set<String>] = [:]
        var repostOf: [UInt64: UInt64] = [:]
        var streamStartNs: UInt64 = 0
        var retries = 0
        /// Submissions waiting to be sent again after "retry later".
        var retryQueue: [Retry] = []

        var caseSentAt: [Int: UInt64] = [:]
        /// The first alert of each sighting, timed once the run is over (an
        /// alert can arrive before the acknowledgement that names its ids).
        var firstAlerts: [FirstAlert] = []

        /// Alert latency runs from the later of the sighting's first submission
        /// and its case's registration: a sighting made before its case existed
        /// (contract step 10) can only be alerted once the case is registered.
        mutating func timeAlerts(freshSightings: Set<Int>, timeline: RunTimeline?) {
            let caseIndexByID = Dictionary(caseIDs.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for alert in firstAlerts {
                guard let index = sightingIndexByID[alert.sightingID], let sent = submittedAt[index] else { continue }
                let from = max(sent, caseIndexByID[alert.caseID].flatMap { caseSentAt[$0] } ?? 0)
                let us = alert.atNs > from ? (alert.atNs - from) / 1_000 : 0
                _ = alertLatency.record(us)
                let fresh = freshSightings.contains(index)
                if fresh {
                    freshAlerts += 1
                    _ = freshAlertLatency.record(us)
                }
                timeline?.recordAlert(atNs: alert.atNs, latencyUs: us, fresh: fresh)
            }
            firstAlerts = []
        }
    }

    struct FirstAlert {
        var caseID: UInt64
        var sightingID: UInt64
        var atNs: UInt64
    }

    struct Retry {
        var dueNs: UInt64
        var index: Int
        var request: Homeward_V1_Request
        var attempt: Int
        /// A case registration (else a sighting submission).
        var isCase = false
    }

    struct Pair: Hashable, Sendable {
        var caseID: UInt64
        var sightingID: UInt64
    }

    let state: Mutex<State>

    /// Sized up front for `sightings` submissions and `cases` registrations: a
    /// dictionary that doubles mid-run rehashes millions of entries under the
    /// lock, which stalls the client thread and then bursts the held-up sends.
    init(sightings: Int = 0, cases: Int = 0) {
        var s = State()
        s.sightingIDs.reserveCapacity(sightings)
        s.sightingIndexByID.reserveCapacity(sightings)
        s.submittedAt.reserveCapacity(sightings)
        s.repostOf.reserveCapacity(sightings)
        s.firstAlertAt.reserveCapacity(min(sightings, 1 << 16))
        s.caseIDs.reserveCapacity(cases)
        state = Mutex(s)
    }

    static func nowNs() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Queues a request to be sent again (same request id) when `retry.dueNs` comes.
    func retry(_ retry: Retry) {
        state.withLock { s in
            s.retries += 1
            s.retryQueue.append(retry)
        }
    }

    func error(_ kind: String) { state.withLock { $0.errors[kind, default: 0] += 1 } }
}

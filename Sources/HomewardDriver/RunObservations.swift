import Foundation
import Histogram
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
    }

    struct Pair: Hashable, Sendable {
        var caseID: UInt64
        var sightingID: UInt64
    }

    let state = Mutex(State())

    static func nowNs() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func error(_ kind: String) { state.withLock { $0.errors[kind, default: 0] += 1 } }
}

import Foundation
import HomewardProtocol

/// The shell around `AlertBoard`: one actor owns it and fans its new log
/// entries out to the pages listening (server-sent events), each through the
/// listener's province scope.
public actor BoardHub {
    private var board: AlertBoard
    private var listeners: [UUID: (scope: ProvinceScope, continuation: AsyncStream<BoardEvent?>.Continuation)] = [:]
    /// Distinguishes this process's log numbers from an earlier run's (SSE ids are "epoch-id").
    public nonisolated let epoch: String
    /// Set once the stream follower has caught every topic up at start.
    public private(set) var caughtUp = false

    public init(board: AlertBoard = AlertBoard(), epoch: String = String(UInt32.random(in: 1...UInt32.max), radix: 36)) {
        self.board = board
        self.epoch = epoch
    }

    public func ingest(topic: String, event: Homeward_V1_AlertEvent) -> AlertBoard.Intake {
        let result = board.ingest(topic: topic, event: event)
        if case .applied(let events) = result { broadcast(events) }
        return result
    }

    public func decide(alertID: String, decision: BoardDecision) {
        if let event = board.decide(alertID: alertID, decision: decision) { broadcast([event]) }
    }

    public func delivered(topic: String) -> UInt64 { board.delivered(topic: topic) }

    public func markCaughtUp() { caughtUp = true }

    /// A case reopened through this console: its alerts are pending again.
    public func reopen(caseID: UInt64) { broadcast(board.reopen(caseID: caseID)) }

    /// Alerts whose state may still change elsewhere (ShowReviews asks for these).
    public func undecidedAlertIDs(includingClosed: Bool) -> [String] { board.undecidedAlertIDs(includingClosed: includingClosed) }

    /// Applies review states read from the coordinator (ShowReviews).
    public func apply(_ states: [AlertBoard.StoredState], asOf: UInt64) { broadcast(board.apply(states, asOf: asOf)) }

    /// The last log number (ShowReviews' answers are applied as of it).
    public func lastLogNumber() -> UInt64 { board.nextID - 1 }

    /// Live entries are optional: nil is a keep-alive ping.
    /// Replay after `lastEventID` ("epoch-n"; another epoch or too old: everything kept), then live events.
    public func listen(scope: ProvinceScope, lastEventID: String?) -> (replay: [BoardEvent], live: AsyncStream<BoardEvent?>, id: UUID) {
        var after: UInt64 = 0
        if let last = lastEventID, let dash = last.lastIndex(of: "-"), String(last[..<dash]) == epoch {
            after = UInt64(last[last.index(after: dash)...]) ?? 0
        }
        let replay = board.events(after: after, scope: scope) ?? board.events(after: 0, scope: scope) ?? []
        let (stream, continuation) = AsyncStream<BoardEvent?>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let id = UUID()
        listeners[id] = (scope, continuation)
        return (replay, stream, id)
    }

    public func stopListening(_ id: UUID) {
        listeners.removeValue(forKey: id)?.continuation.finish()
    }

    public func pending(scope: ProvinceScope) -> [BoardAlert] { board.pending(scope: scope) }
    public func recent(scope: ProvinceScope, limit: Int) -> [BoardAlert] { board.recent(scope: scope, limit: limit) }
    public func alert(_ id: String, scope: ProvinceScope) -> BoardAlert? { board.alert(id, scope: scope) }
    public func candidates(sightingID: UInt64, scope: ProvinceScope) -> [BoardAlert] { board.candidates(sightingID: sightingID, scope: scope) }
    public func lastEventID() -> String { "\(epoch)-\(board.nextID - 1)" }

    /// Whether a kept photo is still needed by an open case (retention sweep).
    public func needs(_ entry: PhotoVault.Entry) -> Bool {
        if let c = entry.caseID { return !board.isClosed(caseID: c) }
        if let s = entry.sightingID { return board.hasOpenCase(sightingID: s) }
        return false
    }

    private func broadcast(_ events: [BoardEvent]) {
        for event in events {
            for (_, listener) in listeners where listener.scope.covers(any: event.alert.provinces) {
                listener.continuation.yield(event)
            }
        }
    }
}

extension BoardHub {
    public func sees(caseID: UInt64? = nil, sightingID: UInt64? = nil, scope: ProvinceScope) -> Bool {
        scope.isNational || board.sees(caseID: caseID, sightingID: sightingID, scope: scope)
    }

    /// Wakes every listener so a page that went away is noticed (its write fails).
    public func ping() {
        for (_, listener) in listeners { listener.continuation.yield(nil) }
    }

    /// Ends every live stream (shutdown), so open pages do not hold the server.
    public func finishAll() {
        for (_, listener) in listeners { listener.continuation.finish() }
        listeners = [:]
    }
}

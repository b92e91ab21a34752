import HomewardProtocol
import Testing
@testable import HomewardConsole

@Suite struct AlertBoardTests {
    static func alert(_ caseID: UInt64, _ sightingID: UInt64, topic: String, seq: UInt64, provinces: [String],
                      urgent: Bool = false, rank: UInt32 = 1, publishedMs: Int64 = 0) -> Homeward_V1_AlertEvent {
        var a = Homeward_V1_Alert()
        a.alertID = AlertID.make(caseID: caseID, sightingID: sightingID)
        a.caseID = caseID
        a.sightingID = sightingID
        a.tier = urgent ? .urgent : .review
        a.provinces = provinces
        a.topic = topic
        a.sequence = seq
        a.rank = rank
        a.publishedAtMs = publishedMs
        var e = Homeward_V1_AlertEvent()
        e.alert = a
        return e
    }

    static func closed(_ caseID: UInt64, topic: String, seq: UInt64) -> Homeward_V1_AlertEvent {
        var e = Homeward_V1_AlertEvent()
        e.caseClosed.caseID = caseID
        e.caseClosed.topic = topic
        e.caseClosed.sequence = seq
        return e
    }

    static func heartbeat(_ topic: String, last: UInt64) -> Homeward_V1_AlertEvent {
        var e = Homeward_V1_AlertEvent()
        e.heartbeat.topic = topic
        e.heartbeat.lastSequence = last
        return e
    }

    @Test func oneEntryPerAlertHoweverManyTopicsCarryIt() {
        var board = AlertBoard()
        guard case .applied(let first) = board.ingest(topic: "440000", event: Self.alert(1, 9, topic: "440000", seq: 1, provinces: ["440000", "450000"])) else {
            Issue.record("expected applied"); return
        }
        #expect(first.count == 1)
        #expect(board.ingest(topic: "450000", event: Self.alert(1, 9, topic: "450000", seq: 1, provinces: ["440000", "450000"])) == .applied([]))
        #expect(board.alerts.count == 1)
        #expect(board.delivered(topic: "450000") == 1)
    }

    @Test func aSkippedSequenceOrAHeartbeatAheadAsksForCatchUp() {
        var board = AlertBoard()
        _ = board.ingest(topic: "440000", event: Self.alert(1, 1, topic: "440000", seq: 1, provinces: ["440000"]))
        #expect(board.ingest(topic: "440000", event: Self.alert(2, 2, topic: "440000", seq: 3, provinces: ["440000"])) == .gap(from: 2, through: 2))
        #expect(board.alerts.count == 1)
        #expect(board.ingest(topic: "440000", event: Self.heartbeat("440000", last: 4)) == .gap(from: 2, through: 4))
        #expect(board.ingest(topic: "440000", event: Self.heartbeat("440000", last: 1)) == .applied([]))
    }

    @Test func scopesFilterEveryView() {
        var board = AlertBoard()
        _ = board.ingest(topic: "440000", event: Self.alert(1, 5, topic: "440000", seq: 1, provinces: ["440000"]))
        _ = board.ingest(topic: "110000", event: Self.alert(2, 5, topic: "110000", seq: 1, provinces: ["110000"], rank: 2))
        let guangdong = HomewardConsole.ProvinceScope(["440000"]), beijing = HomewardConsole.ProvinceScope(["110000"]), national = HomewardConsole.ProvinceScope([])
        #expect(board.pending(scope: guangdong).map(\.caseID) == [1])
        #expect(board.pending(scope: beijing).map(\.caseID) == [2])
        #expect(board.pending(scope: national).count == 2)
        #expect(board.events(after: 0, scope: beijing)?.map(\.alert.caseID) == [2])
        #expect(board.candidates(sightingID: 5, scope: guangdong).map(\.caseID) == [1])
        #expect(board.candidates(sightingID: 5, scope: national).map(\.rank) == [1, 2])
        #expect(board.alert(AlertID.make(caseID: 2, sightingID: 5), scope: guangdong) == nil)
        #expect(!board.sees(caseID: 2, scope: guangdong))
        #expect(board.sees(sightingID: 5, scope: guangdong))
    }

    @Test func urgentFirstThenOldestAndDecisionsLeaveTheQueue() {
        var board = AlertBoard()
        _ = board.ingest(topic: "440000", event: Self.alert(1, 1, topic: "440000", seq: 1, provinces: ["440000"], publishedMs: 10))
        _ = board.ingest(topic: "440000", event: Self.alert(2, 2, topic: "440000", seq: 2, provinces: ["440000"], urgent: true, publishedMs: 30))
        _ = board.ingest(topic: "440000", event: Self.alert(3, 3, topic: "440000", seq: 3, provinces: ["440000"], urgent: true, publishedMs: 20))
        let all = HomewardConsole.ProvinceScope([])
        #expect(board.pending(scope: all).map(\.caseID) == [3, 2, 1])
        let event = board.decide(alertID: AlertID.make(caseID: 3, sightingID: 3), decision: BoardDecision(confirmed: false, reviewer: "r", at: 1))
        #expect(event?.kind == .decision)
        #expect(board.decide(alertID: AlertID.make(caseID: 3, sightingID: 3), decision: BoardDecision(confirmed: false, reviewer: "r", at: 2)) == nil)
        #expect(board.pending(scope: all).map(\.caseID) == [2, 1])
        guard case .applied(let closed) = board.ingest(topic: "440000", event: Self.closed(2, topic: "440000", seq: 4)) else {
            Issue.record("expected applied"); return
        }
        #expect(closed.map(\.kind) == [.closed])
        #expect(board.pending(scope: all).map(\.caseID) == [1])
        #expect(!board.hasOpenCase(sightingID: 2))
        #expect(board.hasOpenCase(sightingID: 1))
    }

    @Test func replayAfterAnIdIsGapFreeAndTooOldAsksForAFullReload() {
        var board = AlertBoard(logLimit: 3)
        for i in 1...5 as ClosedRange<UInt64> {
            _ = board.ingest(topic: "440000", event: Self.alert(i, i, topic: "440000", seq: i, provinces: ["440000"]))
        }
        let all = HomewardConsole.ProvinceScope([])
        #expect(board.events(after: 3, scope: all)?.map(\.id) == [4, 5])
        #expect(board.events(after: 2, scope: all)?.map(\.id) == [3, 4, 5])
        #expect(board.events(after: 1, scope: all) == nil)
    }
}

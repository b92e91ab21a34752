import HomewardProtocol
import Testing
@testable import HomewardConsole

/// The board takes review state from the coordinator's store (ShowReviews):
/// after a restart, and for decisions and reopenings made elsewhere.
@Suite struct AlertBoardReviewTests {
    typealias T = AlertBoardTests
    static let gd = HomewardConsole.ProvinceScope(["440000"])

    static func board() -> AlertBoard {
        var board = AlertBoard()
        _ = board.ingest(topic: "440000", event: T.alert(1, 5, topic: "440000", seq: 1, provinces: ["440000"]))
        _ = board.ingest(topic: "440000", event: T.alert(1, 6, topic: "440000", seq: 2, provinces: ["440000"]))
        _ = board.ingest(topic: "440000", event: T.alert(2, 7, topic: "440000", seq: 3, provinces: ["440000"]))
        return board
    }

    @Test func storedDecisionsLeaveTheQueueOnceAndUnknownAlertsAreIgnored() {
        var board = Self.board()
        let a15 = AlertID.make(caseID: 1, sightingID: 5), a16 = AlertID.make(caseID: 1, sightingID: 6)
        #expect(board.undecidedAlertIDs().count == 3)
        let decided = BoardDecision(confirmed: false, reviewer: "reviewer", at: 40)
        let states = [AlertBoard.StoredState(alertID: a15, decision: decided, caseOpen: true),
                      AlertBoard.StoredState(alertID: a16, decision: nil, caseOpen: true),
                      AlertBoard.StoredState(alertID: AlertID.make(caseID: 9, sightingID: 9), decision: decided, caseOpen: false)]
        let events = board.apply(states)
        #expect(events.map(\.kind) == [.decision])
        #expect(events.first?.alert.decision == decided)
        #expect(!board.pending(scope: Self.gd).map(\.alertID).contains(a15))
        #expect(!board.undecidedAlertIDs().contains(a15))
        #expect(board.apply(states).isEmpty, "the same state again changes nothing")
    }

    @Test func aReopenedCaseIsPendingAgainAndAStoredClosureClosesIt() {
        var board = Self.board()
        _ = board.ingest(topic: "440000", event: T.closed(1, topic: "440000", seq: 4))
        #expect(board.pending(scope: Self.gd).map(\.caseID) == [2])
        #expect(board.undecidedAlertIDs().count == 3, "alerts of a closed case may come back")
        #expect(board.undecidedAlertIDs(includingClosed: false) == [AlertID.make(caseID: 2, sightingID: 7)])
        let reopened = board.reopen(caseID: 1)
        #expect(reopened.map(\.kind) == [.reopened, .reopened])
        #expect(Set(board.pending(scope: Self.gd).map(\.caseID)) == [1, 2])
        #expect(board.reopen(caseID: 1).isEmpty)
        // Closed elsewhere, learnt from the store; reopened elsewhere, likewise.
        let a27 = AlertID.make(caseID: 2, sightingID: 7)
        #expect(board.apply([AlertBoard.StoredState(alertID: a27, decision: nil, caseOpen: false)]).map(\.kind) == [.closed])
        #expect(board.pending(scope: Self.gd).map(\.caseID) == [1, 1])
        #expect(board.apply([AlertBoard.StoredState(alertID: a27, decision: nil, caseOpen: true)]).map(\.kind) == [.reopened])
        #expect(board.isClosed(caseID: 2) == false)
        // A closure on the stream after a reopen closes it again.
        _ = board.ingest(topic: "440000", event: T.closed(1, topic: "440000", seq: 5))
        #expect(board.pending(scope: Self.gd).map(\.caseID) == [2])
    }

    /// A ShowReviews answer read before a local change is older than it: it
    /// must not undo a reopen through this console or a closure from the stream.
    @Test func aStaleAnswerDoesNotUndoANewerCaseChange() {
        var board = Self.board()
        let a15 = AlertID.make(caseID: 1, sightingID: 5), a27 = AlertID.make(caseID: 2, sightingID: 7)
        _ = board.ingest(topic: "440000", event: T.closed(1, topic: "440000", seq: 4))
        let asOf = board.nextID - 1
        _ = board.reopen(caseID: 1)                                                      // after the request went out
        _ = board.ingest(topic: "440000", event: T.closed(2, topic: "440000", seq: 5))   // likewise
        let decided = BoardDecision(confirmed: true, reviewer: "reviewer", at: 9)
        let stale = [AlertBoard.StoredState(alertID: a15, decision: decided, caseOpen: false),
                     AlertBoard.StoredState(alertID: a27, decision: nil, caseOpen: true)]
        #expect(board.apply(stale, asOf: asOf).map(\.kind) == [.decision], "decisions still count: they never change")
        #expect(!board.isClosed(caseID: 1) && board.isClosed(caseID: 2))
        // The next answer, read after the changes, is applied.
        let fresh = [AlertBoard.StoredState(alertID: a27, decision: nil, caseOpen: true)]
        #expect(board.apply(fresh, asOf: board.nextID - 1).map(\.kind) == [.reopened])
    }
}

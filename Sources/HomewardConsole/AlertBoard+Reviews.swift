/// Review state kept by the coordinator, not by the console (issue 15): after
/// a restart, or when a decision or reopening was made elsewhere (`homeward
/// review`, `homeward case reopen`, another console), the board takes the
/// stored state of its undecided alerts (ShowReviews) and logs what changed.
extension AlertBoard {
    /// One alert's stored state, as ShowReviews answers it.
    public struct StoredState: Sendable, Equatable {
        public var alertID: String
        /// nil: not reviewed.
        public var decision: BoardDecision?
        public var caseOpen: Bool

        public init(alertID: String, decision: BoardDecision?, caseOpen: Bool) {
            self.alertID = alertID
            self.decision = decision
            self.caseOpen = caseOpen
        }
    }

    /// Alerts without a decision: the only ones whose stored state can differ
    /// from the board's (the coordinator refuses a second decision). Those of
    /// closed cases change only if the case reopens, and pile up over the
    /// years, so the sync asks about them less often (`includingClosed`).
    public func undecidedAlertIDs(includingClosed: Bool = true) -> [String] {
        alerts.values.filter { $0.decision == nil && (includingClosed || !$0.caseClosed) }.map(\.alertID).sorted()
    }

    /// A case reopened: its alerts are pending again (unless decided). The
    /// stream has no reopen notice, so the console learns it from its own
    /// request or from the stored state.
    public mutating func reopen(caseID: UInt64) -> [BoardEvent] {
        guard closedCases.remove(caseID) != nil else { return [] }
        caseStateChanged[caseID] = nextID
        var events: [BoardEvent] = []
        for (id, var alert) in alerts where alert.caseID == caseID {
            alert.caseClosed = false
            alerts[id] = alert
            events.append(append(.reopened, alert))
        }
        return events
    }

    /// Takes the stored states read after log entry `asOf`; returns the log
    /// entries of what changed. Unknown alerts are ignored (the stream brings
    /// them first). A case closed or reopened on the board after `asOf` (a
    /// CaseClosed on the stream, a reopen through this console) is newer than
    /// the stored state read before it, so its open/closed state is left alone.
    public mutating func apply(_ states: [StoredState], asOf: UInt64 = .max) -> [BoardEvent] {
        var events: [BoardEvent] = []
        for state in states {
            guard let alert = alerts[state.alertID] else { continue }
            let closed = closedCases.contains(alert.caseID)
            if let changed = caseStateChanged[alert.caseID], changed > asOf {
                if let decision = state.decision, alert.decision == nil, let event = decide(alertID: state.alertID, decision: decision) {
                    events.append(event)
                }
                continue
            }
            if state.caseOpen && closed { events += reopen(caseID: alert.caseID) }
            if !state.caseOpen && !closed { events += close(caseID: alert.caseID) }
            if let decision = state.decision, alerts[state.alertID]?.decision == nil,
               let event = decide(alertID: state.alertID, decision: decision) {
                events.append(event)
            }
        }
        return events
    }
}

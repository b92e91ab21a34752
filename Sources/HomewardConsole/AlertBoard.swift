import HomewardProtocol

/// Every alert the console has seen, its review state, and a numbered log of
/// changes for the live pages. Pure: the stream follower feeds it events in
/// topic order, the review handler feeds it decisions; pages read filtered views.
public struct AlertBoard: Sendable {
    public internal(set) var alerts: [String: BoardAlert] = [:]
    public private(set) var log: [BoardEvent] = []
    public private(set) var nextID: UInt64 = 1
    private var trackers: [String: AlertSequenceTracker] = [:]
    var closedCases: Set<UInt64> = []
    /// The log number at which each case was last closed or reopened (ShowReviews' answers older than it are stale).
    var caseStateChanged: [UInt64: UInt64] = [:]
    /// Log entries kept for replay; older reconnects get a full replay instead.
    public let logLimit: Int

    public init(logLimit: Int = 20_000) { self.logLimit = logLimit }

    public enum Intake: Equatable, Sendable {
        /// Applied (or a duplicate, dropped); these log entries are new.
        case applied([BoardEvent])
        /// Events from...through of the topic are missing: fetch them, then feed them in order.
        case gap(from: UInt64, through: UInt64)
    }

    public func delivered(topic: String) -> UInt64 { trackers[topic]?.delivered ?? 0 }

    /// One event of one topic's stream (live or catch-up).
    public mutating func ingest(topic: String, event: Homeward_V1_AlertEvent) -> Intake {
        var tracker = trackers[topic] ?? AlertSequenceTracker()
        defer { trackers[topic] = tracker }
        switch event.event {
        case .heartbeat(let h)?:
            if case .gap(let f, let t) = tracker.check(heartbeatLastSequence: h.lastSequence) { return .gap(from: f, through: t) }
            return .applied([])
        case .alert(let a)?:
            switch tracker.accept(sequence: a.sequence) {
            case .duplicate: return .applied([])
            case .gap(let f, let t): return .gap(from: f, through: t)
            case .deliver: return .applied(add(a))
            }
        case .caseClosed(let c)?:
            switch tracker.accept(sequence: c.sequence) {
            case .duplicate: return .applied([])
            case .gap(let f, let t): return .gap(from: f, through: t)
            case .deliver: return .applied(close(caseID: c.caseID))
            }
        case nil:
            return .applied([])
        }
    }

    private mutating func add(_ a: Homeward_V1_Alert) -> [BoardEvent] {
        // Several topics carry the same alert; the first copy makes the entry.
        guard alerts[a.alertID] == nil else { return [] }
        var alert = BoardAlert(a)
        alert.caseClosed = closedCases.contains(a.caseID)
        alerts[a.alertID] = alert
        return [append(.alert, alert)]
    }

    mutating func close(caseID: UInt64) -> [BoardEvent] {
        guard closedCases.insert(caseID).inserted else { return [] }
        caseStateChanged[caseID] = nextID
        var events: [BoardEvent] = []
        for (id, var alert) in alerts where alert.caseID == caseID {
            alert.caseClosed = true
            alerts[id] = alert
            events.append(append(.closed, alert))
        }
        return events
    }

    /// A decision the coordinator accepted. nil if the alert is unknown or already has it.
    public mutating func decide(alertID: String, decision: BoardDecision) -> BoardEvent? {
        guard var alert = alerts[alertID], alert.decision?.confirmed != decision.confirmed || alert.decision == nil else { return nil }
        alert.decision = decision
        alerts[alertID] = alert
        return append(.decision, alert)
    }

    mutating func append(_ kind: BoardEvent.Kind, _ alert: BoardAlert) -> BoardEvent {
        let event = BoardEvent(id: nextID, kind: kind, alert: alert)
        nextID += 1
        log.append(event)
        if log.count > logLimit { log.removeFirst(log.count - logLimit) }
        return event
    }

    // MARK: - Views (every one filtered by scope)

    /// Log entries after `after` that the scope may see; nil when `after` is
    /// older than the kept log (the page then reloads in full).
    public func events(after: UInt64, scope: ProvinceScope) -> [BoardEvent]? {
        if let first = log.first, after + 1 < first.id { return nil }
        return log.filter { $0.id > after && scope.covers(any: $0.alert.provinces) }
    }

    /// Pending alerts in scope: urgent first, then the oldest publication first.
    public func pending(scope: ProvinceScope) -> [BoardAlert] {
        alerts.values.filter { $0.isPending && scope.covers(any: $0.provinces) }.sorted {
            if $0.urgent != $1.urgent { return $0.urgent }
            if $0.publishedAtMs != $1.publishedAtMs { return $0.publishedAtMs < $1.publishedAtMs }
            return $0.alertID < $1.alertID
        }
    }

    /// Every alert in scope, newest first (the map's starting picture).
    public func recent(scope: ProvinceScope, limit: Int) -> [BoardAlert] {
        Array(alerts.values.filter { scope.covers(any: $0.provinces) }
            .sorted { ($0.publishedAtMs, $0.alertID) > ($1.publishedAtMs, $1.alertID) }.prefix(limit))
    }

    public func alert(_ id: String, scope: ProvinceScope) -> BoardAlert? {
        guard let a = alerts[id], scope.covers(any: a.provinces) else { return nil }
        return a
    }

    /// The other candidates of the same sighting, by rank, within scope.
    public func candidates(sightingID: UInt64, scope: ProvinceScope) -> [BoardAlert] {
        alerts.values.filter { $0.sightingID == sightingID && scope.covers(any: $0.provinces) }.sorted { $0.rank < $1.rank }
    }

    /// Cases with an alert on this sighting that are still open (photo retention).
    public func hasOpenCase(sightingID: UInt64) -> Bool {
        alerts.values.contains { $0.sightingID == sightingID && !$0.caseClosed }
    }

    public func isClosed(caseID: UInt64) -> Bool { closedCases.contains(caseID) }
}

extension AlertBoard {
    /// Whether the scope sees an alert about this case or this sighting (photo access).
    public func sees(caseID: UInt64? = nil, sightingID: UInt64? = nil, scope: ProvinceScope) -> Bool {
        alerts.values.contains { a in
            (caseID.map { a.caseID == $0 } ?? true) && (sightingID.map { a.sightingID == $0 } ?? true) && scope.covers(any: a.provinces)
        }
    }
}

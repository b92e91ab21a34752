extension CoordinatorStore {
    /// Stores alerts, skipping any whose id already exists (a retried match).
    /// Returns the ones that are new and must be published.
    public func insertAlerts(_ alerts: [AlertRecord]) throws -> [AlertRecord] {
        let statement = try db.cached("""
            INSERT OR IGNORE INTO alerts (id, case_id, sighting_id, score, face, marks, tier, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var inserted: [AlertRecord] = []
        for a in alerts {
            try statement.run([.text(a.id), Self.id(a.caseID), Self.id(a.sightingID), .real(a.score), .real(a.face), .real(a.marks),
                               .text(a.tier.rawValue), .integer(a.createdAt)])
            if db.changes == 1 { inserted.append(a) }
        }
        return inserted
    }

    public func alert(id: String) throws -> AlertRecord? {
        try db.cached("SELECT id, case_id, sighting_id, score, face, marks, tier, created_at FROM alerts WHERE id = ?").rows([.text(id)]) {
            AlertRecord(id: $0.text(0), caseID: UInt64(bitPattern: $0.int64(1)), sightingID: UInt64(bitPattern: $0.int64(2)),
                        score: $0.double(3), face: $0.double(4), marks: $0.double(5), tier: AlertRecord.Tier(rawValue: $0.text(6)) ?? .review,
                        createdAt: $0.int64(7))
        }.first
    }

    public func alertCount() throws -> Int {
        Int(try db.cached("SELECT COUNT(*) FROM alerts").rows { $0.int64(0) }[0])
    }

    /// Stores a message for `topic` at `seq` (the caller keeps per-topic counters),
    /// stamped with the database's clock for retention.
    public func appendPublication(topic: String, seq: UInt64, payload: [UInt8]) throws {
        try db.cached("INSERT INTO publications (topic, seq, payload, published_at) VALUES (?, ?, ?, CAST(strftime('%s','now') AS INTEGER))")
            .run([.text(topic), Self.id(seq), .blob(payload)])
    }

    /// Highest sequence number per topic, to continue numbering after a restart.
    public func lastSequences() throws -> [String: UInt64] {
        let rows = try db.cached("SELECT topic, MAX(seq) FROM publications GROUP BY topic").rows { ($0.text(0), UInt64(bitPattern: $0.int64(1))) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// Messages of `topic` with sequence ≥ `from`, in order, at most `limit`.
    public func publications(topic: String, from: UInt64, limit: Int) throws -> [(seq: UInt64, payload: [UInt8])] {
        try db.cached("SELECT seq, payload FROM publications WHERE topic = ? AND seq >= ? ORDER BY seq LIMIT ?")
            .rows([.text(topic), Self.id(from), .integer(Int64(limit))]) { (UInt64(bitPattern: $0.int64(0)), $0.blob(1)) }
    }

    /// Records a reviewer's decision on an alert, and audits it, once per alert.
    /// Returns when the alert's decision was recorded: `at` for a new review,
    /// the first review's time when the same decision is repeated (nothing is
    /// stored again, no second audit row). A different decision on a reviewed
    /// alert throws `StoreError.conflict`; an unknown alert `notFound`.
    @discardableResult
    public func recordReview(alertID: String, reviewer: String, confirm: Bool, reason: String, at: Int64) throws -> Int64 {
        guard try alert(id: alertID) != nil else { throw StoreError.notFound("alert \(alertID)") }
        let decision = confirm ? "confirm" : "reject"
        if let first = try db.cached("SELECT decision, decided_at FROM reviews WHERE alert_id = ? ORDER BY id LIMIT 1")
            .rows([.text(alertID)], { ($0.text(0), $0.int64(1)) }).first {
            guard first.0 == decision else {
                throw StoreError.conflict("alert \(alertID) was already reviewed with the decision \(first.0)")
            }
            return first.1
        }
        try db.cached("INSERT INTO reviews (alert_id, reviewer, decision, reason, decided_at) VALUES (?, ?, ?, ?, ?)")
            .run([.text(alertID), .text(reviewer), .text(decision), .text(reason), .integer(at)])
        try audit(actor: reviewer, role: "reviewer", action: "review-" + decision, subject: "alert:\(alertID)", reason: reason, at: at)
        return at
    }

    /// Number of reviews stored for an alert (one at most; tests check retries add none).
    public func reviewCount(alertID: String) throws -> Int {
        Int(try db.cached("SELECT COUNT(*) FROM reviews WHERE alert_id = ?").rows([.text(alertID)]) { $0.int64(0) }[0])
    }
}

extension CoordinatorStore {
    /// The last sequence stored on `topic` (0 when none).
    public func lastSequence(topic: String) throws -> UInt64 {
        UInt64(bitPattern: try db.cached("SELECT COALESCE(MAX(seq), 0) FROM publications WHERE topic = ?").rows([.text(topic)]) { $0.int64(0) }[0])
    }
}

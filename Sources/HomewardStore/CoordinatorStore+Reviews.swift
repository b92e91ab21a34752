extension CoordinatorStore {
    /// The review state of each alert in `ids` that exists, in the order asked
    /// (ShowReviews). One indexed lookup per id (reviews_by_alert).
    public func reviewStates(alertIDs ids: [String]) throws -> [AlertReviewRow] {
        let statement = try db.cached("""
            SELECT a.id, r.decision, r.reviewer, r.decided_at, c.status
            FROM alerts a JOIN cases c ON c.id = a.case_id
            LEFT JOIN reviews r ON r.id = (SELECT MIN(id) FROM reviews WHERE alert_id = a.id)
            WHERE a.id = ?
            """)
        var rows: [AlertReviewRow] = []
        for id in ids {
            rows += try statement.rows([.text(id)]) { row in
                let decision: Bool? = row.isNull(1) ? nil : row.text(1) == "confirm"
                return AlertReviewRow(alertID: row.text(0), confirmed: decision, reviewer: row.isNull(2) ? "" : row.text(2),
                                      decidedAt: row.isNull(3) ? 0 : row.int64(3), caseOpen: row.text(4) == "open")
            }
        }
        return rows
    }
}

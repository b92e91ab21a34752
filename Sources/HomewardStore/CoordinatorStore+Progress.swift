extension CoordinatorStore {
    /// Where sighting `id` is in matching, or nil when no such sighting is stored.
    public func sightingProgress(id: UInt64) throws -> SightingProgress? {
        let rows = try db.cached("""
            SELECT repost_of, received_at, matched_at, failed_at, failure,
                   (SELECT COUNT(*) FROM sighting_faces WHERE sighting_id = sightings.id)
            FROM sightings WHERE id = ?
            """).rows([Self.id(id)]) { r -> (SightingProgress.State, Int64, Int) in
            let state: SightingProgress.State
            if !r.isNull(0) {
                state = .repost(of: UInt64(bitPattern: r.int64(0)))
            } else if !r.isNull(3) {
                state = .failed(at: r.int64(3), reason: r.isNull(4) ? "" : r.text(4))
            } else if !r.isNull(2) {
                state = .matched(at: r.int64(2))
            } else {
                state = .pending
            }
            return (state, r.int64(1), Int(r.int64(5)))
        }
        guard let (state, receivedAt, faces) = rows.first else { return nil }
        let alertIDs = try db.cached("SELECT id FROM alerts WHERE sighting_id = ? ORDER BY id").rows([Self.id(id)]) { $0.text(0) }
        return SightingProgress(id: id, state: state, receivedAt: receivedAt, faces: faces, alertIDs: alertIDs)
    }

    /// Gives sighting `id` up: it stays stored, is never matched, and
    /// `sightingProgress` reports `reason` (no personal data in it).
    public func markFailed(_ id: UInt64, reason: String, at: Int64) throws {
        try db.cached("UPDATE sightings SET failed_at = ?, failure = ? WHERE id = ? AND matched_at IS NULL")
            .run([.integer(at), .text(reason), Self.id(id)])
    }
}

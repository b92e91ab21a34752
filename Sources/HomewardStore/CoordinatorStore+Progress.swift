extension CoordinatorStore {
    /// Where sighting `id` is in matching, or nil when no such sighting is stored.
    public func sightingProgress(id: UInt64) throws -> SightingProgress? {
        let rows = try db.cached("""
            SELECT repost_of, received_at, matched_at, failed_reason,
                   (SELECT COUNT(*) FROM sighting_faces WHERE sighting_id = sightings.id)
            FROM sightings WHERE id = ?
            """).rows([Self.id(id)]) { r -> (SightingProgress.State, Int64, Int) in
            let state: SightingProgress.State
            if !r.isNull(0) {
                state = .repost(of: UInt64(bitPattern: r.int64(0)))
            } else if !r.isNull(3) {
                // `markFailed` sets matched_at too (so a restart does not requeue it): the time it was given up.
                state = .failed(at: r.isNull(2) ? 0 : r.int64(2), reason: r.text(3))
            } else if !r.isNull(2) {
                state = .matched(at: r.int64(2))
            } else {
                state = .pending
            }
            return (state, r.int64(1), Int(r.int64(4)))
        }
        guard let (state, receivedAt, faces) = rows.first else { return nil }
        let alertIDs = try db.cached("SELECT id FROM alerts WHERE sighting_id = ? ORDER BY id").rows([Self.id(id)]) { $0.text(0) }
        return SightingProgress(id: id, state: state, receivedAt: receivedAt, faces: faces, alertIDs: alertIDs)
    }

}

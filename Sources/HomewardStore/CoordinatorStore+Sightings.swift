extension CoordinatorStore {
    public func insertSighting(_ s: SightingRecord) throws {
        try db.cached("""
            INSERT INTO sightings (id, observed_at, lat, lon, province, sex, age_lo, age_hi, marks, photo_sha256, photo_phash,
                                   repost_of, submitter_ref, received_at, matched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([Self.id(s.id), .integer(s.observedAt), .real(s.latitude), .real(s.longitude), Self.text(s.province),
                      .integer(Int64(s.sex)), s.ageRange.map { .real($0.lowerBound) } ?? .null, s.ageRange.map { .real($0.upperBound) } ?? .null,
                      .text(Self.joinMarks(s.marks)), Self.blob(s.photoSHA256), Self.blob(s.perceptualHash),
                      s.repostOf.map(Self.id) ?? .null, .text(s.submitterRef), .integer(s.receivedAt), Self.int(s.matchedAt)])
        let face = try db.cached("INSERT INTO sighting_faces (sighting_id, position, embedding) VALUES (?, ?, ?)")
        for (i, e) in s.faces.enumerated() {
            try face.run([Self.id(s.id), .integer(Int64(i)), .blob(EmbeddingBlob.encode(e))])
        }
    }

    /// Marks sightings as fully matched (all shards answered, alerts stored).
    public func markMatched(_ ids: [UInt64], at: Int64) throws {
        let statement = try db.cached("UPDATE sightings SET matched_at = ? WHERE id = ?")
        for id in ids { try statement.run([.integer(at), Self.id(id)]) }
    }

    /// Marks a sighting failed with its reason: the coordinator stops trying
    /// to match it (and does not requeue it after a restart). A sighting
    /// already matched stays matched.
    public func markFailed(_ id: UInt64, reason: String, at: Int64) throws {
        try db.cached("UPDATE sightings SET matched_at = ?, failed_reason = ? WHERE id = ? AND matched_at IS NULL").run([.integer(at), .text(reason), Self.id(id)])
    }

    static let sightingColumns = """
        id, observed_at, lat, lon, province, sex, age_lo, age_hi, marks, photo_sha256, photo_phash, repost_of, submitter_ref, received_at, matched_at
        """

    func sightingRecord(_ r: SQLiteStatement) -> SightingRecord {
        SightingRecord(
            id: UInt64(bitPattern: r.int64(0)), observedAt: r.int64(1), latitude: r.double(2), longitude: r.double(3),
            province: r.isNull(4) ? nil : r.text(4), sex: Int(r.int64(5)),
            ageRange: r.isNull(6) ? nil : r.double(6)...r.double(7), marks: Self.splitMarks(r.text(8)), faces: [],
            photoSHA256: r.isNull(9) ? nil : r.blob(9), perceptualHash: r.isNull(10) ? nil : r.blob(10),
            repostOf: r.isNull(11) ? nil : UInt64(bitPattern: r.int64(11)), submitterRef: r.text(12), receivedAt: r.int64(13),
            matchedAt: r.isNull(14) ? nil : r.int64(14))
    }

    /// Original (non-repost) sightings with their faces, ordered by id.
    /// `onlyUnmatched` gives the ones a restarted coordinator must still match.
    public func originalSightings(onlyUnmatched: Bool) throws -> [SightingRecord] {
        let filter = onlyUnmatched ? "AND matched_at IS NULL" : ""
        var sightings = try db.cached("SELECT \(Self.sightingColumns) FROM sightings WHERE repost_of IS NULL \(filter) ORDER BY id")
            .rows([], sightingRecord)
        var index: [UInt64: Int] = [:]
        for (i, s) in sightings.enumerated() { index[s.id] = i }
        let faces = try db.cached("""
            SELECT f.sighting_id, f.embedding FROM sighting_faces f JOIN sightings s ON s.id = f.sighting_id
            WHERE s.repost_of IS NULL \(filter) ORDER BY f.sighting_id, f.position
            """).rows { (UInt64(bitPattern: $0.int64(0)), EmbeddingBlob.decode($0.blob(1))) }
        for (id, e) in faces { if let i = index[id] { sightings[i].faces.append(e) } }
        return sightings
    }

    public func sighting(id: UInt64) throws -> SightingRecord? {
        guard var s = try db.cached("SELECT \(Self.sightingColumns) FROM sightings WHERE id = ?").rows([Self.id(id)], sightingRecord).first else { return nil }
        s.faces = try db.cached("SELECT embedding FROM sighting_faces WHERE sighting_id = ? ORDER BY position")
            .rows([Self.id(id)]) { EmbeddingBlob.decode($0.blob(0)) }
        return s
    }

    /// Every stored sighting id (reposts included): a load test checks its acknowledged ids against it.
    public func allSightingIDs() throws -> Set<UInt64> {
        Set(try db.cached("SELECT id FROM sightings").rows { UInt64(bitPattern: $0.int64(0)) })
    }

    /// Number of reposts recorded against an original sighting.
    public func repostCount(of id: UInt64) throws -> Int {
        Int(try db.cached("SELECT COUNT(*) FROM sightings WHERE repost_of = ?").rows([Self.id(id)]) { $0.int64(0) }[0])
    }

    /// (sha256, phash, id) of every original sighting with a photo, to rebuild the repost index at startup.
    public func photoHashes() throws -> [(id: UInt64, sha256: [UInt8]?, phash: [UInt8]?)] {
        try db.cached("SELECT id, photo_sha256, photo_phash FROM sightings WHERE repost_of IS NULL AND (photo_sha256 IS NOT NULL OR photo_phash IS NOT NULL) ORDER BY id")
            .rows { (UInt64(bitPattern: $0.int64(0)), $0.isNull(1) ? nil : $0.blob(1), $0.isNull(2) ? nil : $0.blob(2)) }
    }
}

/// Photos kept for review (issue 15): a case's registration photos and a
/// sighting's photo, over any intake, sealed with the data key like personal
/// data (bound to their subject and index, so a row moved to another id does
/// not open). Each row remembers the retention in force when it was kept.
extension CoordinatorStore {
    public struct PhotoSweep: Sendable, Equatable {
        /// Photos no open case needs any more (their retention period starts).
        public var released: Int
        /// Released photos needed again (a case reopened, a new alert on an open case).
        public var keptAgain: Int
        /// Photos whose retention period after release ended: deleted.
        public var deleted: Int

        public init(released: Int, keptAgain: Int, deleted: Int) {
            self.released = released
            self.keptAgain = keptAgain
            self.deleted = deleted
        }
    }

    /// Keeps a case's photos (in registration order); a retried registration keeps nothing twice.
    public func keepCasePhotos(caseID: UInt64, photos: [[UInt8]], keepDays: Int, at: Int64) throws {
        let statement = try db.cached("INSERT OR IGNORE INTO kept_case_photos (case_id, idx, photo, kept_at, keep_days) VALUES (?, ?, ?, ?, ?)")
        for (i, photo) in photos.enumerated() {
            try statement.run([Self.id(caseID), .integer(Int64(i)), try sealedPhoto(photo, "case:\(caseID):photo:\(i)"),
                               .integer(at), .integer(Int64(keepDays))])
        }
    }

    public func keepSightingPhoto(sightingID: UInt64, photo: [UInt8], keepDays: Int, at: Int64) throws {
        try db.cached("INSERT OR IGNORE INTO kept_sighting_photos (sighting_id, photo, kept_at, keep_days) VALUES (?, ?, ?, ?)")
            .run([Self.id(sightingID), try sealedPhoto(photo, "sighting:\(sightingID):photo"), .integer(at), .integer(Int64(keepDays))])
    }

    /// A case's kept photos in registration order (empty: none kept, or deleted).
    public func casePhotos(caseID: UInt64) throws -> [[UInt8]] {
        let rows = try db.cached("SELECT idx, photo FROM kept_case_photos WHERE case_id = ? ORDER BY idx")
            .rows([Self.id(caseID)]) { ($0.int64(0), $0.blob(1)) }
        return try rows.map { try unsealedPhoto($0.1, "case:\(caseID):photo:\($0.0)") }
    }

    public func sightingPhoto(sightingID: UInt64) throws -> [UInt8]? {
        guard let blob = try db.cached("SELECT photo FROM kept_sighting_photos WHERE sighting_id = ?").rows([Self.id(sightingID)], { $0.blob(0) }).first else {
            return nil
        }
        return try unsealedPhoto(blob, "sighting:\(sightingID):photo")
    }

    /// The retention rule, run by the coordinator's retention pass: a case
    /// photo is released when its case is closed, a sighting photo when no
    /// alert of it is on an open case (or it has none yet); a released photo
    /// needed again is kept again; one released `keep_days` ago is deleted.
    public func sweepKeptPhotos(now: Int64) throws -> PhotoSweep {
        let openAlert = "SELECT 1 FROM alerts a JOIN cases c ON c.id = a.case_id WHERE a.sighting_id = kept_sighting_photos.sighting_id AND c.status = 'open'"
        var sweep = PhotoSweep(released: 0, keptAgain: 0, deleted: 0)
        try db.cached("UPDATE kept_case_photos SET released_at = ? WHERE released_at IS NULL AND case_id IN (SELECT id FROM cases WHERE status != 'open')")
            .run([.integer(now)])
        sweep.released += db.changes
        try db.cached("UPDATE kept_sighting_photos SET released_at = ? WHERE released_at IS NULL AND NOT EXISTS (\(openAlert))").run([.integer(now)])
        sweep.released += db.changes
        try db.cached("UPDATE kept_case_photos SET released_at = NULL WHERE released_at IS NOT NULL AND case_id IN (SELECT id FROM cases WHERE status = 'open')").run()
        sweep.keptAgain += db.changes
        try db.cached("UPDATE kept_sighting_photos SET released_at = NULL WHERE released_at IS NOT NULL AND EXISTS (\(openAlert))").run()
        sweep.keptAgain += db.changes
        for table in ["kept_case_photos", "kept_sighting_photos"] {
            try db.cached("DELETE FROM \(table) WHERE released_at IS NOT NULL AND released_at + keep_days * 86400 <= ?").run([.integer(now)])
            sweep.deleted += db.changes
        }
        return sweep
    }

    /// The provinces whose keys may see a subject's photos: its own and those
    /// of the other side of its alerts (a reviewer of the sighting's province
    /// reviews the case's photos too). Unknown subject: national.
    public func photoProvinces(caseID: UInt64) throws -> [String?] {
        guard let c = try caseRecord(id: caseID) else { return [nil] }
        let others = try db.cached("SELECT DISTINCT s.province FROM alerts a JOIN sightings s ON s.id = a.sighting_id WHERE a.case_id = ?")
            .rows([Self.id(caseID)]) { $0.isNull(0) ? nil : $0.text(0) } as [String?]
        return [c.province] + others
    }

    public func photoProvinces(sightingID: UInt64) throws -> [String?] {
        guard let s = try sighting(id: sightingID) else { return [nil] }
        let others = try db.cached("SELECT DISTINCT c.province FROM alerts a JOIN cases c ON c.id = a.case_id WHERE a.sighting_id = ?")
            .rows([Self.id(sightingID)]) { $0.isNull(0) ? nil : $0.text(0) } as [String?]
        return [s.province] + others
    }

    /// A photo as stored: sealed under the data key (as it is without keys only on a plain-text test setup).
    func sealedPhoto(_ bytes: [UInt8], _ context: String) throws -> SQLiteStatement.Value {
        guard let keys = db.keys else { return .blob(bytes) }
        return .blob(try keys.seal(bytes: bytes, context: context))
    }

    func unsealedPhoto(_ blob: [UInt8], _ context: String) throws -> [UInt8] {
        guard let keys = db.keys else { return blob }
        return try keys.open(bytes: blob, context: context)
    }
}

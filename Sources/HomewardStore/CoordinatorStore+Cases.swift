extension CoordinatorStore {
    public func insertCase(_ c: CaseRecord, personal: CasePersonalData) throws {
        try db.cached("""
            INSERT INTO cases (id, status, sex, birth_date, missing_since, last_seen_lat, last_seen_lon, province, marks, registered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([Self.id(c.id), .text(c.status.rawValue), .integer(Int64(c.sex)), .integer(c.birthDate), .integer(c.missingSince),
                      .real(c.lastSeenLatitude), .real(c.lastSeenLongitude), Self.text(c.province), .text(Self.joinMarks(c.marks)),
                      .integer(c.registeredAt)])
        try db.cached("INSERT INTO case_personal (case_id, child_name, guardian_contact, notes, home_province) VALUES (?, ?, ?, ?, ?)")
            .run([Self.id(c.id), try sealed(personal.childName, "case:\(c.id):child_name"),
                  try sealed(personal.guardianContact, "case:\(c.id):guardian_contact"), try sealed(personal.notes, "case:\(c.id):notes"),
                  Self.text(personal.homeProvince)])
        let photo = try db.cached("INSERT INTO case_photos (case_id, position, embedding) VALUES (?, ?, ?)")
        for (i, e) in c.embeddings.enumerated() {
            try photo.run([Self.id(c.id), .integer(Int64(i)), .blob(EmbeddingBlob.encode(e))])
        }
    }

    /// Closes an open case. Returns false when it was not open (unknown or already closed).
    public func closeCase(_ id: UInt64, status: CaseRecord.Status, note: String, at: Int64) throws -> Bool {
        precondition(status != .open)
        try db.cached("UPDATE cases SET status = ?, closed_at = ?, close_note = ? WHERE id = ? AND status = 'open'")
            .run([.text(status.rawValue), .integer(at), try sealed(note, "case:\(id):close_note"), Self.id(id)])
        return db.changes == 1
    }

    /// Reopens a closed case (a mistaken close). Returns false when it was not closed (unknown or open).
    public func reopenCase(_ id: UInt64) throws -> Bool {
        try db.cached("UPDATE cases SET status = 'open', closed_at = NULL, close_note = NULL WHERE id = ? AND status != 'open'")
            .run([Self.id(id)])
        return db.changes == 1
    }

    static let caseColumns = "id, status, sex, birth_date, missing_since, last_seen_lat, last_seen_lon, province, marks, registered_at, closed_at"

    func caseRecord(_ row: SQLiteStatement) -> CaseRecord {
        CaseRecord(id: UInt64(bitPattern: row.int64(0)), status: CaseRecord.Status(rawValue: row.text(1)) ?? .open,
                   sex: Int(row.int64(2)), birthDate: row.int64(3), missingSince: row.int64(4),
                   lastSeenLatitude: row.double(5), lastSeenLongitude: row.double(6),
                   province: row.isNull(7) ? nil : row.text(7), marks: Self.splitMarks(row.text(8)), embeddings: [],
                   registeredAt: row.int64(9), closedAt: row.isNull(10) ? nil : row.int64(10))
    }

    public func caseRecord(id: UInt64) throws -> CaseRecord? {
        guard var c = try db.cached("SELECT \(Self.caseColumns) FROM cases WHERE id = ?").rows([Self.id(id)], caseRecord).first else { return nil }
        c.embeddings = try db.cached("SELECT embedding FROM case_photos WHERE case_id = ? ORDER BY position")
            .rows([Self.id(id)]) { EmbeddingBlob.decode($0.blob(0)) }
        return c
    }

    /// Every open case with its embeddings, ordered by id (startup and worker snapshots).
    public func openCases() throws -> [CaseRecord] {
        var cases = try db.cached("SELECT \(Self.caseColumns) FROM cases WHERE status = 'open' ORDER BY id").rows([], caseRecord)
        var index: [UInt64: Int] = [:]
        for (i, c) in cases.enumerated() { index[c.id] = i }
        let photos = try db.cached("""
            SELECT p.case_id, p.embedding FROM case_photos p JOIN cases c ON c.id = p.case_id
            WHERE c.status = 'open' ORDER BY p.case_id, p.position
            """).rows { (UInt64(bitPattern: $0.int64(0)), EmbeddingBlob.decode($0.blob(1))) }
        for (id, e) in photos { if let i = index[id] { cases[i].embeddings.append(e) } }
        return cases
    }

    /// An operator's read of a case's personal data; the read itself is audited.
    public func personalData(caseID: UInt64, reader: String, purpose: String, at: Int64) throws -> CasePersonalData? {
        let rows = try db.cached("SELECT child_name, guardian_contact, notes, home_province FROM case_personal WHERE case_id = ?")
            .rows([Self.id(caseID)]) { row in
                (row.blob(0), row.blob(1), row.blob(2), row.isNull(3) ? nil : row.text(3))
            }
        let data = try rows.first.map { row in
            CasePersonalData(childName: try unsealed(row.0, "case:\(caseID):child_name"),
                             guardianContact: try unsealed(row.1, "case:\(caseID):guardian_contact"),
                             notes: try unsealed(row.2, "case:\(caseID):notes"), homeProvince: row.3)
        }
        if data != nil { try audit(actor: reader, role: "operator", action: "read-personal-data", subject: "case:\(caseID)", reason: purpose, at: at) }
        return data
    }

    /// A personal-data value as stored: AES-GCM sealed under the database's
    /// data key, bound to its case and field (plain text only without keys).
    func sealed(_ text: String, _ context: String) throws -> SQLiteStatement.Value {
        guard let keys = db.keys else { return .text(text) }
        return .blob(try keys.seal(text, context: context))
    }

    func unsealed(_ bytes: [UInt8], _ context: String) throws -> String {
        guard let keys = db.keys else { return String(decoding: bytes, as: UTF8.self) }
        return try keys.open(bytes, context: context)
    }
}

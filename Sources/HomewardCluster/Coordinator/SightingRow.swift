import ClusterCore
import HomewardProtocol
import HomewardStore

/// One sighting as the store writes it: its row, its reply, and the photo kept
/// for review. Written inside a batch under its own savepoint.
struct SightingRow: Sendable {
    enum Outcome: Sendable {
        case stored
        /// Its request id was answered before: that reply, and nothing stored.
        case earlier([UInt8])
        case failed(String)
    }

    let record: SightingRecord
    let replyBytes: [UInt8]
    let requestID: String
    let receivedAt: Int64
    /// Kept for review (issue 15); a repost's photo is its original's.
    let photo: [UInt8]?

    init(_ s: CoordinatorDirective.StoreSighting) {
        record = ClientMapping.record(s)
        replyBytes = Frames.serialize(try! ClientMapping.reply(s.reply, requestID: s.requestID))
        requestID = s.requestID
        receivedAt = s.draft.receivedAt
        photo = s.repostOf == nil ? s.draft.photo : nil
    }

    /// Writes `rows` in one store job; when the job fails as a whole (its
    /// COMMIT), each row is reported failed with that error.
    static func write(_ rows: [SightingRow], to store: SQLiteWriter, keepDays: Int) async -> [Outcome] {
        do {
            return try await store.write { db in try rows.map { try $0.write(in: db, keepDays: keepDays) } }
        } catch {
            return rows.map { _ in .failed("\(error)") }
        }
    }

    /// Runs inside the store's transaction. An error of its own is rolled back
    /// to its savepoint and reported; only a failing savepoint statement throws.
    func write(in db: SQLiteDatabase, keepDays: Int) throws -> Outcome {
        try db.execute("SAVEPOINT sighting")
        do {
            let store = CoordinatorStore(db)
            if let earlier = try store.reply(forRequest: requestID) {
                try db.execute("RELEASE sighting")
                return .earlier(earlier)
            }
            try store.insertSighting(record)
            if let photo { try store.keepSightingPhoto(sightingID: record.id, photo: photo, keepDays: keepDays, at: receivedAt) }
            try store.saveReply(replyBytes, forRequest: requestID, at: receivedAt)
            try db.execute("RELEASE sighting")
            return .stored
        } catch {
            try db.execute("ROLLBACK TO sighting")
            try db.execute("RELEASE sighting")
            return .failed("\(error)")
        }
    }
}

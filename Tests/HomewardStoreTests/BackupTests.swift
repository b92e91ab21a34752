import Foundation
import Testing
@testable import HomewardStore

/// The online backup is consistent while a writer commits, and a restore puts
/// it in place with the previous database moved aside.
@Suite struct BackupTests {
    @Test func backupWhileWritingIsConsistentAndRestorable() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let live = dir + "/coordinator.sqlite", backup = dir + "/backup.sqlite"
        let store = try SQLiteWriter(path: live, migrations: CoordinatorSchema.migrations)
        // A writer commits a sighting and its request-id reply together, many times, while the backup runs.
        let summary = try await withThrowingTaskGroup(of: SQLiteBackup.Summary?.self) { group in
            group.addTask {
                for i in 1...400 as ClosedRange<UInt64> {
                    try await store.write { db in
                        let s = CoordinatorStore(db)
                        try s.insertSighting(SightingRecord(id: i, observedAt: 1, latitude: 0, longitude: 0, province: nil, sex: 0, ageRange: nil,
                                                            marks: [], faces: [], submitterRef: "", receivedAt: 1))
                        try s.saveReply([1], forRequest: "req-\(i)", at: 1)
                    }
                }
                return nil
            }
            group.addTask {
                // Once some rows are in: the copy is taken in the middle of the writes.
                while try await store.read({ try CoordinatorStore($0).allSightingIDs().count }) < 20 { try await Task.sleep(for: .milliseconds(1)) }
                return try SQLiteBackup.copy(from: live, to: backup)
            }
            var summary: SQLiteBackup.Summary?
            for try await result in group { if let result { summary = result } }
            return summary!
        }
        store.close()
        // Consistent: every sighting in the copy has its reply and the other way round (one transaction each).
        let copy = try SQLiteDatabase(path: backup)
        let sightings = try copy.prepare("SELECT COUNT(*) FROM sightings").rows { $0.int64(0) }[0]
        let replies = try copy.prepare("SELECT COUNT(*) FROM client_requests").rows { $0.int64(0) }[0]
        let maxID = try copy.prepare("SELECT COALESCE(MAX(id), 0) FROM sightings").rows { $0.int64(0) }[0]
        copy.close()
        #expect(sightings == replies)
        #expect(maxID == sightings, "ids 1…n with no hole")
        #expect(summary.sightings == Int(sightings))
        #expect(summary.schemaVersion == CoordinatorSchema.migrations.count)
        #expect(!FileManager.default.fileExists(atPath: backup + ".partial"))

        let (restored, aside) = try SQLiteBackup.restore(from: backup, to: live, now: 42)
        #expect(aside == live + ".before-restore-42")
        #expect(FileManager.default.fileExists(atPath: live + ".before-restore-42"))
        #expect(restored.sightings == Int(sightings))
        let reopened = try SQLiteWriter(path: live, migrations: CoordinatorSchema.migrations)
        let ids = try await reopened.read { try CoordinatorStore($0).allSightingIDs() }
        reopened.close()
        #expect(ids == Set(1...UInt64(sightings)))
    }

    @Test func aFileThatIsNotACoordinatorDatabaseIsRefused() throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE t (x)")
        db.close()
        #expect(throws: StoreError.self) { try SQLiteBackup.verify(path) }
        #expect(throws: StoreError.self) { try SQLiteBackup.verify(path + ".missing") }
    }
}

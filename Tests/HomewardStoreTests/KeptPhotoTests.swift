import Crypto
import Foundation
import Testing
@testable import HomewardStore

/// Photos kept for review (issue 15): sealed at rest, and released, kept again
/// and deleted by the retention rule.
@Suite struct KeptPhotoTests {
    static let keys = StoreKeys(dataKey: SymmetricKey(data: [UInt8](repeating: 9, count: 32)))
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("a face, as far as this test is concerned".utf8)
    static let day: Int64 = 86_400

    func withStore(keys: StoreKeys? = Self.keys, _ body: (SQLiteWriter, String) async throws -> Void) async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations, keys: keys)
        try await body(writer, path)
        writer.close()
    }

    /// Case 7 (Guangdong) with sightings 1 and 2; sighting 1 alerted on case 7.
    func seed(_ store: SQLiteWriter) async throws {
        let personal = CasePersonalData(childName: "", guardianContact: "", notes: "", homeProvince: nil)
        try await store.write { try CoordinatorStore($0).insertCase(CoordinatorStoreTests.sampleCase, personal: personal) }
        for id: UInt64 in [1, 2] {
            let s = SightingRecord(id: id, observedAt: 1_700_000_500, latitude: 39.9, longitude: 116.4, province: "110000", sex: 1,
                                   ageRange: 5...8, marks: [], faces: [[0.5, 0.5, 0.5]], photoSHA256: [UInt8(id)],
                                   submitterRef: "vol-1", receivedAt: 1_700_000_501)
            try await store.write { try CoordinatorStore($0).insertSighting(s) }
        }
        let alert = AlertRecord(id: "a-7-1", caseID: 7, sightingID: 1, score: 0.9, face: 0.88, marks: 0, tier: .urgent, createdAt: 1)
        _ = try await store.write { try CoordinatorStore($0).insertAlerts([alert]) }
    }

    @Test func photosAreSealedAtRestAndBoundToTheirSubject() async throws {
        try await withStore { store, path in
            try await seed(store)
            try await store.write { db in
                try CoordinatorStore(db).keepCasePhotos(caseID: 7, photos: [Self.jpeg, Self.jpeg.reversed()], keepDays: 30, at: 100)
                try CoordinatorStore(db).keepSightingPhoto(sightingID: 1, photo: Self.jpeg, keepDays: 30, at: 100)
                try CoordinatorStore(db).keepSightingPhoto(sightingID: 1, photo: [1, 2, 3], keepDays: 30, at: 101)   // a retry keeps nothing twice
            }
            #expect(try await store.read { try CoordinatorStore($0).casePhotos(caseID: 7) } == [Self.jpeg, Self.jpeg.reversed()])
            #expect(try await store.read { try CoordinatorStore($0).sightingPhoto(sightingID: 1) } == Self.jpeg)
            #expect(try await store.read { try CoordinatorStore($0).sightingPhoto(sightingID: 2) } == nil)
            let raw = try await store.read { db in
                try db.prepare("SELECT photo FROM kept_sighting_photos WHERE sighting_id = 1").rows { $0.blob(0) }[0]
            }
            #expect(raw != Self.jpeg && !raw.starts(with: [0xFF, 0xD8]), "stored in the clear")
            // A sealed photo moved to another sighting does not open there.
            try await store.write { db in try db.execute("UPDATE kept_sighting_photos SET sighting_id = 2 WHERE sighting_id = 1") }
            await #expect(throws: StoreError.self) { try await store.read { try CoordinatorStore($0).sightingPhoto(sightingID: 2) } }
        }
    }

    @Test func retentionReleasesKeepsAgainAndDeletesAfterThePeriod() async throws {
        try await withStore { store, _ in
            try await seed(store)
            try await store.write { db in
                try CoordinatorStore(db).keepCasePhotos(caseID: 7, photos: [Self.jpeg], keepDays: 10, at: 0)
                try CoordinatorStore(db).keepSightingPhoto(sightingID: 1, photo: Self.jpeg, keepDays: 10, at: 0)
                try CoordinatorStore(db).keepSightingPhoto(sightingID: 2, photo: Self.jpeg, keepDays: 10, at: 0)
            }
            func sweep(_ now: Int64) async throws -> CoordinatorStore.PhotoSweep {
                try await store.write { try CoordinatorStore($0).sweepKeptPhotos(now: now) }
            }
            func kept() async throws -> [Int] {   // case 7's photos, sighting 1's, sighting 2's
                try await store.read { db in
                    let s = CoordinatorStore(db)
                    return [try s.casePhotos(caseID: 7).count, try s.sightingPhoto(sightingID: 1) == nil ? 0 : 1, try s.sightingPhoto(sightingID: 2) == nil ? 0 : 1]
                }
            }
            // Case open: its photo and the photo of its alert's sighting are needed; sighting 2 (no alert) is released.
            #expect(try await sweep(Self.day) == .init(released: 1, keptAgain: 0, deleted: 0))
            #expect(try await sweep(11 * Self.day) == .init(released: 0, keptAgain: 0, deleted: 1))
            #expect(try await kept() == [1, 1, 0])
            // Closed: both released; reopened within the period: kept again; closed again: the period starts over.
            _ = try await store.write { try CoordinatorStore($0).closeCase(7, status: .found, note: "", at: 12 * Self.day) }
            #expect(try await sweep(12 * Self.day) == .init(released: 2, keptAgain: 0, deleted: 0))
            _ = try await store.write { try CoordinatorStore($0).reopenCase(7) }
            #expect(try await sweep(20 * Self.day) == .init(released: 0, keptAgain: 2, deleted: 0))
            _ = try await store.write { try CoordinatorStore($0).closeCase(7, status: .withdrawn, note: "", at: 21 * Self.day) }
            #expect(try await sweep(21 * Self.day).released == 2)
            #expect(try await sweep(31 * Self.day - 1).deleted == 0)
            #expect(try await kept() == [1, 1, 0])
            #expect(try await sweep(31 * Self.day).deleted == 2)
            #expect(try await kept() == [0, 0, 0])
        }
    }

    @Test func photoProvincesAreTheSubjectsAndTheOtherSideOfItsAlerts() async throws {
        try await withStore { store, _ in
            try await seed(store)
            #expect(try await store.read { try CoordinatorStore($0).photoProvinces(caseID: 7) } == ["440000", "110000"])
            #expect(try await store.read { try CoordinatorStore($0).photoProvinces(sightingID: 1) } == ["110000", "440000"])
            #expect(try await store.read { try CoordinatorStore($0).photoProvinces(sightingID: 2) } == ["110000"])
            #expect(try await store.read { try CoordinatorStore($0).photoProvinces(caseID: 99) } == [nil])
        }
    }
}

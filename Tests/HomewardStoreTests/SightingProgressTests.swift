import Foundation
import Testing
@testable import HomewardStore

/// Sighting progress (issue 12 item 5) and one review per alert (item 8), on a real SQLite file.
@Suite struct SightingProgressTests {
    func withStore(_ body: (SQLiteWriter) async throws -> Void) async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations)
        try await body(writer)
        writer.close()
    }

    static func sighting(_ id: UInt64, faces: Int = 1, repostOf: UInt64? = nil) -> SightingRecord {
        SightingRecord(id: id, observedAt: 1_700_000_500, latitude: 23.0, longitude: 113.0, province: "440000", sex: 1,
                       ageRange: nil, marks: [], faces: Array(repeating: [0.5, 0.5, 0.5], count: faces), photoSHA256: nil,
                       repostOf: repostOf, submitterRef: "vol-1", receivedAt: 1_700_000_501 + Int64(id))
    }

    @Test func pendingMatchedFailedAndRepost() async throws {
        try await withStore { store in
            let personal = CasePersonalData(childName: "", guardianContact: "", notes: "", homeProvince: nil)
            try await store.write { db in
                let s = CoordinatorStore(db)
                try s.insertCase(CoordinatorStoreTests.sampleCase, personal: personal)
                var other = CoordinatorStoreTests.sampleCase
                other.id = 8
                try s.insertCase(other, personal: personal)
                for record in [Self.sighting(1, faces: 2), Self.sighting(2), Self.sighting(3), Self.sighting(4, faces: 0, repostOf: 1)] {
                    try s.insertSighting(record)
                }
            }
            func progress(_ id: UInt64) async throws -> SightingProgress? {
                try await store.read { try CoordinatorStore($0).sightingProgress(id: id) }
            }
            #expect(try await progress(1) == SightingProgress(id: 1, state: .pending, receivedAt: 1_700_000_502, faces: 2, alertIDs: []))
            #expect(try await progress(99) == nil)

            let alerts = [AlertRecord(id: "b-8-1", caseID: 8, sightingID: 1, score: 0.9, face: 0.88, marks: 0, tier: .review, createdAt: 5),
                          AlertRecord(id: "a-7-1", caseID: 7, sightingID: 1, score: 0.95, face: 0.9, marks: 0, tier: .review, createdAt: 5),
                          AlertRecord(id: "c-7-2", caseID: 7, sightingID: 2, score: 0.93, face: 0.93, marks: 0, tier: .review, createdAt: 5)]
            try await store.write { db in
                let s = CoordinatorStore(db)
                _ = try s.insertAlerts(alerts)
                try s.markMatched([1], at: 6)
                try s.markFailed(3, reason: "no worker could extract its photo after 3 attempts", at: 7)
                try s.markFailed(1, reason: "too late", at: 8)   // matched already: stays matched
            }
            #expect(try await progress(1) == SightingProgress(id: 1, state: .matched(at: 6), receivedAt: 1_700_000_502, faces: 2,
                                                               alertIDs: ["a-7-1", "b-8-1"]))
            #expect(try await progress(2)?.state == .pending)
            #expect(try await progress(3)?.state == .failed(at: 7, reason: "no worker could extract its photo after 3 attempts"))
            #expect(try await progress(4)?.state == .repost(of: 1))
        }
    }

    @Test func aReviewIsStoredAndAuditedOncePerAlert() async throws {
        try await withStore { store in
            let personal = CasePersonalData(childName: "", guardianContact: "", notes: "", homeProvince: nil)
            let alert = AlertRecord(id: "a-7-1", caseID: 7, sightingID: 1, score: 0.9, face: 0.88, marks: 0, tier: .urgent, createdAt: 1)
            try await store.write { db in
                let s = CoordinatorStore(db)
                try s.insertCase(CoordinatorStoreTests.sampleCase, personal: personal)
                try s.insertSighting(Self.sighting(1))
                _ = try s.insertAlerts([alert])
            }
            func review(confirm: Bool, at: Int64) async throws -> Int64 {
                try await store.write { try CoordinatorStore($0).recordReview(alertID: "a-7-1", reviewer: "r", confirm: confirm, reason: "x", at: at) }
            }
            #expect(try await review(confirm: true, at: 10) == 10)
            // The same decision again: the first review's time, nothing stored or audited again.
            #expect(try await review(confirm: true, at: 20) == 10)
            await #expect(throws: StoreError.conflict("alert a-7-1 was already reviewed with the decision confirm")) {
                _ = try await review(confirm: false, at: 30)
            }
            #expect(try await store.read { try CoordinatorStore($0).reviewCount(alertID: "a-7-1") } == 1)
            #expect(try await store.read { try CoordinatorStore($0).auditLog() }.map(\.action) == ["review-confirm"])
        }
    }
}

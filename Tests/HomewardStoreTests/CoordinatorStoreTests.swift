import Foundation
import Testing
@testable import HomewardStore

@Suite struct CoordinatorStoreTests {
    func withStore(_ body: (SQLiteWriter) async throws -> Void) async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations)
        try await body(writer)
        writer.close()
    }

    static let sampleCase = CaseRecord(
        id: 7, sex: 1, birthDate: 1_500_000_000, missingSince: 1_700_000_000, lastSeenLatitude: 23.1, lastSeenLongitude: 113.3,
        province: "440000", marks: ["scar-left-cheek", "mole-neck"], embeddings: [[1, 0, 0.5], [0, -1, 0.25]], registeredAt: 1_700_000_100)

    @Test func caseRoundTripCloseAndAuditedPersonalRead() async throws {
        try await withStore { store in
            let personal = CasePersonalData(childName: "A", guardianContact: "B", notes: "C", homeProvince: "440000")
            try await store.write { try CoordinatorStore($0).insertCase(Self.sampleCase, personal: personal) }
            let loaded = try await store.read { try CoordinatorStore($0).caseRecord(id: 7) }
            #expect(loaded == Self.sampleCase)
            #expect(try await store.read { try CoordinatorStore($0).openCases() } == [Self.sampleCase])
            let read = try await store.write { try CoordinatorStore($0).personalData(caseID: 7, reader: "op-1", purpose: "call the family", at: 5) }
            #expect(read == personal)
            #expect(try await store.write { try CoordinatorStore($0).closeCase(7, status: .found, note: "home", at: 9) })
            #expect(try await store.write { try CoordinatorStore($0).closeCase(7, status: .withdrawn, note: "again", at: 10) } == false)
            #expect(try await store.read { try CoordinatorStore($0).openCases() }.isEmpty)
            let log = try await store.read { try CoordinatorStore($0).auditLog() }
            #expect(log.map(\.action) == ["read-personal-data"])
            #expect(log.map(\.subject) == ["case:7"])
            #expect(log.map(\.reason) == ["call the family"])
        }
    }

    @Test func auditLogIsAppendOnly() async throws {
        try await withStore { store in
            try await store.write { try CoordinatorStore($0).audit(actor: "op", action: "x", subject: "y", reason: "z", at: 1) }
            await #expect(throws: SQLiteError.self) { try await store.write { try $0.execute("UPDATE audit_log SET actor = 'z'") } }
            await #expect(throws: SQLiteError.self) { try await store.write { try $0.execute("DELETE FROM audit_log") } }
            #expect(try await store.read { try CoordinatorStore($0).auditLog() }.map(\.actor) == ["op"])
        }
    }

    /// A sighting given up on keeps its reason and is not requeued after a restart.
    @Test func aFailedSightingKeepsItsReasonAndIsNotUnmatched() async throws {
        try await withStore { store in
            let s = SightingRecord(id: 3, observedAt: 1_700_000_500, latitude: 23.0, longitude: 113.0, province: nil, sex: 0,
                                   ageRange: nil, marks: [], faces: [[1, 0, 0]], submitterRef: "", receivedAt: 1_700_000_501)
            try await store.write { try CoordinatorStore($0).insertSighting(s) }
            try await store.write { try CoordinatorStore($0).markFailed(3, reason: "no replica answered shards north (5 tries)", at: 9) }
            #expect(try await store.read { try CoordinatorStore($0).originalSightings(onlyUnmatched: true) }.isEmpty)
            let reason = try await store.read { db in
                try db.cached("SELECT failed_reason FROM sightings WHERE id = 3").rows { $0.text(0) }
            }
            #expect(reason == ["no replica answered shards north (5 tries)"])
        }
    }

    @Test func sightingsAlertsAndPublicationsSurviveRetries() async throws {
        try await withStore { store in
            let personal = CasePersonalData(childName: "", guardianContact: "", notes: "", homeProvince: nil)
            try await store.write { try CoordinatorStore($0).insertCase(Self.sampleCase, personal: personal) }
            let s1 = SightingRecord(id: 1, observedAt: 1_700_000_500, latitude: 23.0, longitude: 113.0, province: "440000", sex: 1,
                                    ageRange: 5...8, marks: ["mole-neck"], faces: [[0.5, 0.5, 0.5]], photoSHA256: [1, 2, 3],
                                    submitterRef: "vol-1", receivedAt: 1_700_000_501)
            var repost = s1
            repost.id = 2; repost.faces = []; repost.repostOf = 1
            let storedRepost = repost
            try await store.write { db in
                try CoordinatorStore(db).insertSighting(s1)
                try CoordinatorStore(db).insertSighting(storedRepost)
            }
            #expect(try await store.read { try CoordinatorStore($0).originalSightings(onlyUnmatched: true) } == [s1])
            #expect(try await store.read { try CoordinatorStore($0).repostCount(of: 1) } == 1)
            let alert = AlertRecord(id: "a-7-1", caseID: 7, sightingID: 1, score: 0.9, face: 0.88, marks: 0.2, tier: .urgent, createdAt: 1)
            #expect(try await store.write { try CoordinatorStore($0).insertAlerts([alert]) } == [alert])
            #expect(try await store.write { try CoordinatorStore($0).insertAlerts([alert]) } == [])
            try await store.write { db in
                try CoordinatorStore(db).markMatched([1], at: 2)
                try CoordinatorStore(db).appendPublication(topic: "440000", seq: 1, payload: [9])
                try CoordinatorStore(db).appendPublication(topic: "440000", seq: 2, payload: [8])
            }
            #expect(try await store.read { try CoordinatorStore($0).originalSightings(onlyUnmatched: true) }.isEmpty)
            #expect(try await store.read { try CoordinatorStore($0).lastSequences() } == ["440000": 2])
            let caughtUp = try await store.read { try CoordinatorStore($0).publications(topic: "440000", from: 2, limit: 10) }
            #expect(caughtUp.map(\.seq) == [2] && caughtUp.map(\.payload) == [[8]])
            await #expect(throws: StoreError.notFound("alert nope")) {
                try await store.write { try CoordinatorStore($0).recordReview(alertID: "nope", reviewer: "r", confirm: true, reason: "", at: 3) }
            }
            _ = try await store.write { try CoordinatorStore($0).recordReview(alertID: "a-7-1", reviewer: "r", confirm: false, reason: "different child", at: 3) }
            #expect(try await store.read { try CoordinatorStore($0).auditLog() }.map(\.action) == ["review-reject"])
            #expect(try await store.read { try CoordinatorStore($0).maxIDs() } == (7, 2))
        }
    }

    /// ShowReviews' read: unreviewed, decided (the first review), the case's state, unknown ids left out.
    @Test func reviewStatesReadDecisionsAndCaseState() async throws {
        try await withStore { store in
            let personal = CasePersonalData(childName: "", guardianContact: "", notes: "", homeProvince: nil)
            try await store.write { try CoordinatorStore($0).insertCase(Self.sampleCase, personal: personal) }
            for id: UInt64 in [1, 2] {
                let s = SightingRecord(id: id, observedAt: 1_700_000_500, latitude: 23.0, longitude: 113.0, province: "440000", sex: 1,
                                       ageRange: 5...8, marks: [], faces: [[0.5, 0.5, 0.5]], photoSHA256: [UInt8(id)],
                                       submitterRef: "vol-1", receivedAt: 1_700_000_501)
                try await store.write { try CoordinatorStore($0).insertSighting(s) }
            }
            let alerts = [AlertRecord(id: "a-7-1", caseID: 7, sightingID: 1, score: 0.9, face: 0.88, marks: 0, tier: .urgent, createdAt: 1),
                          AlertRecord(id: "a-7-2", caseID: 7, sightingID: 2, score: 0.8, face: 0.8, marks: 0, tier: .review, createdAt: 1)]
            _ = try await store.write { try CoordinatorStore($0).insertAlerts(alerts) }
            func states() async throws -> [AlertReviewRow] {
                try await store.read { try CoordinatorStore($0).reviewStates(alertIDs: ["a-7-2", "nope", "a-7-1"]) }
            }
            #expect(try await states() == [AlertReviewRow(alertID: "a-7-2", confirmed: nil, reviewer: "", decidedAt: 0, caseOpen: true),
                                           AlertReviewRow(alertID: "a-7-1", confirmed: nil, reviewer: "", decidedAt: 0, caseOpen: true)])
            _ = try await store.write { try CoordinatorStore($0).recordReview(alertID: "a-7-1", reviewer: "console/li", confirm: true, reason: "", at: 30) }
            _ = try await store.write { try CoordinatorStore($0).recordReview(alertID: "a-7-2", reviewer: "reviewer", confirm: false, reason: "no", at: 40) }
            _ = try await store.write { try CoordinatorStore($0).closeCase(7, status: .found, note: "", at: 50) }
            #expect(try await states() == [AlertReviewRow(alertID: "a-7-2", confirmed: false, reviewer: "reviewer", decidedAt: 40, caseOpen: false),
                                           AlertReviewRow(alertID: "a-7-1", confirmed: true, reviewer: "console/li", decidedAt: 30, caseOpen: false)])
            _ = try await store.write { try CoordinatorStore($0).reopenCase(7) }
            #expect(try await states().map(\.caseOpen) == [true, true])
        }
    }
}

import Foundation
import Testing
@testable import HomewardProtocol

/// Byte-exact wire fixtures shared with the Python example client
/// (docs/examples/python/test_interop.py builds the same messages and checks
/// it produces and parses the same bytes). Values are exact in binary so both
/// languages build identical messages. Regenerate after a deliberate schema
/// change with HOMEWARD_WRITE_GOLDEN=1.
@Suite struct GoldenFixtureTests {
    static let dir = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples/python/fixtures")

    static var embedding: [Float] { (0..<128).map { Float($0 % 7 - 3) * 0.25 } }

    static func registerCase() -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = 1
        r.requestID = "golden-1"
        r.registerCase.personal.childName = "Golden Child"
        r.registerCase.personal.guardianContact = "guardian@example.org"
        r.registerCase.personal.homeProvince = "110000"
        r.registerCase.sex = .female
        r.registerCase.birthDate = 1_577_836_800
        r.registerCase.missingSince = 1_795_906_800
        r.registerCase.lastSeen = Fixtures.point(39.9042, 116.4074)
        r.registerCase.markTags = ["scar_left_cheek"]
        var face = Homeward_V1_FaceInput()
        face.embedding.values = embedding
        r.registerCase.photos = [face]
        return r
    }

    static func submitSighting() -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = 1
        r.requestID = "golden-2"
        r.submitSighting.observedAt = 1_795_910_000
        r.submitSighting.location = Fixtures.point(31.2304, 121.4737)
        r.submitSighting.sex = .female
        r.submitSighting.estimatedAge.loYears = 5
        r.submitSighting.estimatedAge.hiYears = 8
        r.submitSighting.markTags = ["scar_left_cheek"]
        var face = Homeward_V1_FaceInput()
        face.embedding.values = embedding
        r.submitSighting.faces = [face]
        r.submitSighting.submitter = "volunteer-1"
        return r
    }

    static func sightingAccepted() -> Homeward_V1_Reply {
        ClientCodec.reply(to: "golden-2") {
            $0.sightingAccepted.sightingID = 77
            $0.sightingAccepted.durable = true
            $0.sightingAccepted.facesAccepted = 1
        }
    }

    static func alertEvent() -> Homeward_V1_AlertEvent {
        var a = Homeward_V1_Alert()
        a.alertID = AlertID.make(caseID: 42, sightingID: 77)
        a.caseID = 42
        a.sightingID = 77
        a.score = 0.95
        a.face = 0.9
        a.marks = 0.5
        a.tier = .urgent
        a.provinces = ["110000", "310000"]
        a.sightingLocation = Fixtures.point(31.2304, 121.4737)
        a.observedAt = 1_795_910_000
        a.distanceKm = 1067
        a.elapsedSeconds = 3200
        a.rank = 1
        a.topic = "310000"
        a.sequence = 3
        a.publishedAtMs = 1_795_910_000_123
        return AlertStreamCodec.event(a)
    }

    static let cases: [(String, @Sendable () -> Frame)] = [
        ("request_register_case.bin", { Frames.serialize(registerCase()) }),
        ("request_submit_sighting.bin", { Frames.serialize(submitSighting()) }),
        ("reply_sighting_accepted.bin", { Frames.serialize(sightingAccepted()) }),
        ("alert_event.bin", { Frames.serialize(alertEvent()) }),
    ]

    @Test func fixturesMatchTheCommittedBytes() throws {
        let write = ProcessInfo.processInfo.environment["HOMEWARD_WRITE_GOLDEN"] == "1"
        for (name, make) in Self.cases {
            let url = Self.dir.appendingPathComponent(name)
            let bytes = make()
            if write {
                try FileManager.default.createDirectory(at: Self.dir, withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            let committed = try [UInt8](Data(contentsOf: url))
            #expect(committed == bytes, "\(name) differs from the Swift encoding")
        }
    }

    @Test func goldenMessagesAreValid() throws {
        let validator = RequestValidator()
        for request in [Self.registerCase(), Self.submitSighting()] {
            _ = try ClientCodec.decodeValidated(ClientCodec.encode(request), validator: validator, now: Fixtures.now)
        }
        _ = try AlertStreamCodec.decode(AlertStreamCodec.encode(Self.alertEvent(), topic: "310000"))
    }
}

import Foundation
@testable import HomewardProtocol
import HomewardBasics

typealias SeededRNG = SeededGenerator

/// Valid messages of every kind, built deterministically.
enum Fixtures {
    /// 2026-11-29T00:00:00Z, the injected clock of the tests.
    static let now: Int64 = 1_795_910_400
    static let birth: Int64 = 1_577_836_800  // 2020-01-01T00:00:00Z

    static func embedding(seed: UInt64, dimension: Int = 128) -> [Float] {
        var rng = SeededRNG(seed: seed)
        return (0..<dimension).map { _ in Float.random(in: -1...1, using: &rng) }
    }

    static func face(seed: UInt64) -> Homeward_V1_FaceInput {
        var face = Homeward_V1_FaceInput()
        face.embedding.values = embedding(seed: seed)
        return face
    }

    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array(repeating: 0x42, count: 64))
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 32))

    static func point(_ lat: Double = 39.9042, _ lon: Double = 116.4074) -> Homeward_V1_LatLon {
        var p = Homeward_V1_LatLon()
        p.latitude = lat
        p.longitude = lon
        return p
    }

    static func registerCase() -> Homeward_V1_RegisterCase {
        var r = Homeward_V1_RegisterCase()
        r.personal.childName = "Test Child"
        r.personal.guardianContact = "+86 000 0000 0000"
        r.personal.notes = "synthetic fixture"
        r.personal.homeProvince = "110000"
        r.sex = .female
        r.birthDate = birth
        r.missingSince = now - 3600
        r.lastSeen = point()
        r.markTags = ["scar_left_cheek", "mole-neck"]
        var photo = Homeward_V1_FaceInput()
        photo.photo.data = jpeg
        r.photos = [face(seed: 1), photo]
        return r
    }

    static func submitSighting() -> Homeward_V1_SubmitSighting {
        var s = Homeward_V1_SubmitSighting()
        s.observedAt = now - 60
        s.location = point(39.95, 116.30)
        s.sex = .female
        s.estimatedAge.loYears = 5
        s.estimatedAge.hiYears = 8
        s.markTags = ["scar_left_cheek"]
        s.faces = [face(seed: 2)]
        s.submitter = "volunteer-17"
        s.photoSha256 = Data(repeating: 0xAB, count: 32)
        s.photoPhash = Data(repeating: 0x5C, count: 32)
        return s
    }

    static func request(_ fill: (inout Homeward_V1_Request) -> Void) -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = 1
        r.requestID = "req-0001"
        fill(&r)
        return r
    }

    /// One valid request per body case.
    static func allRequests() -> [Homeward_V1_Request] {
        [
            request { $0.registerCase = registerCase() },
            request { $0.closeCase.caseID = 42; $0.closeCase.outcome = .found; $0.closeCase.note = "home" },
            request { $0.showCase.caseID = 42; $0.showCase.operator = "op-1"; $0.showCase.purpose = "review" },
            request { $0.submitSighting = submitSighting() },
            request {
                $0.reviewAlert.alertID = AlertID.make(caseID: 42, sightingID: 7)
                $0.reviewAlert.reviewer = "reviewer-3"
                $0.reviewAlert.decision = .reject
                $0.reviewAlert.reason = "different child"
            },
            request { $0.status = Homeward_V1_Status() },
            request { $0.alertCatchUp.province = "440000"; $0.alertCatchUp.fromSequence = 5; $0.alertCatchUp.maxCount = 100 },
            request { $0.showSighting.sightingID = 7 },
        ]
    }

    static func alert(topic: String = "110000", sequence: UInt64 = 9) -> Homeward_V1_Alert {
        var a = Homeward_V1_Alert()
        a.alertID = AlertID.make(caseID: 42, sightingID: 7)
        a.caseID = 42
        a.sightingID = 7
        a.score = 0.93
        a.face = 0.9
        a.marks = 0.3
        a.tier = .urgent
        a.provinces = ["110000", "130000"]
        a.sightingLocation = point()
        a.observedAt = now
        a.distanceKm = 12.5
        a.elapsedSeconds = 3600
        a.rank = 1
        a.topic = topic
        a.sequence = sequence
        a.publishedAtMs = now * 1000 + 5
        return a
    }

    static func allReplies() -> [Homeward_V1_Reply] {
        func reply(_ fill: (inout Homeward_V1_Reply) -> Void) -> Homeward_V1_Reply {
            ClientCodec.reply(to: "req-0001", fill)
        }
        var worker = Homeward_V1_WorkerStatus()
        worker.workerID = "w1"
        worker.state = .ready
        worker.shards = [0, 3]
        return [
            ClientCodec.errorReply(ProtocolError(.tooMany, field: "x", "y", requestID: "req-0001", retryAfterMs: 0)),
            reply { $0.caseRegistered.caseID = 42; $0.caseRegistered.registeredAt = now; $0.caseRegistered.photosAccepted = 2 },
            reply { $0.caseClosed.caseID = 42; $0.caseClosed.outcome = .withdrawn; $0.caseClosed.closedAt = now },
            reply {
                $0.caseShown.caseID = 42
                $0.caseShown.personal = registerCase().personal
                $0.caseShown.state = .open
                $0.caseShown.lastSeen = point()
            },
            reply { $0.sightingAccepted.sightingID = 7; $0.sightingAccepted.repostOf = 3; $0.sightingAccepted.durable = true },
            reply { $0.reviewed.alertID = AlertID.make(caseID: 42, sightingID: 7); $0.reviewed.decision = .confirm },
            reply { $0.clusterStatus.workers = [worker]; $0.clusterStatus.alerts = 12; $0.clusterStatus.now = now },
            reply {
                $0.alertBatch.province = "110000"
                $0.alertBatch.events = [AlertStreamCodec.event(alert())]
                $0.alertBatch.lastSequence = 9
                $0.alertBatch.more = false
            },
        ]
    }

    static func vector(seed: UInt64) -> Homeward_V1_Vector {
        VectorCoding.vector(VectorCoding.normalized(embedding(seed: seed)))
    }

    static func sightingFeatures() -> Homeward_V1_SightingFeatures {
        var s = Homeward_V1_SightingFeatures()
        s.sightingID = 7
        s.observedAt = now
        s.location = point()
        s.sex = .male
        s.estimatedAge.loYears = 3
        s.estimatedAge.hiYears = 6
        s.marks = MarkBitsCoding.make([1, 0, 0, 1 << 63])
        s.faces = [vector(seed: 3), vector(seed: 4)]
        return s
    }

    static func caseFeatures() -> Homeward_V1_CaseFeatures {
        var c = Homeward_V1_CaseFeatures()
        c.caseID = 42
        c.sex = .male
        c.birthDate = birth
        c.missingSince = now - 86_400
        c.lastSeen = point()
        c.marks = MarkBitsCoding.make([5, 0, 0, 0])
        c.photos = [vector(seed: 5)]
        return c
    }

    static func matchRequest() -> Homeward_V1_MatchRequest {
        var m = Homeward_V1_MatchRequest()
        m.requestID = 99
        m.shardIds = [0, 1]
        m.sightings = [sightingFeatures()]
        m.topK = 10
        return m
    }

    static func update(shard: UInt32 = 1, sequence: UInt64, epoch: UInt64 = 1, _ fill: (inout Homeward_V1_FeatureUpdate) -> Void) -> Homeward_V1_FeatureUpdate {
        var u = Homeward_V1_FeatureUpdate()
        u.shardID = shard
        u.sequence = sequence
        u.snapshotEpoch = epoch
        fill(&u)
        return u
    }

    /// One valid worker message per command, and one update per change kind.
    static func allWorkerMessages() -> [WorkerMessage] {
        var ready = Homeward_V1_WorkerReady()
        ready.protocolVersion = 1
        ready.workerID = "worker-a.1"
        var cursor = Homeward_V1_ShardCursor()
        cursor.shardID = 3
        cursor.snapshotEpoch = 2
        cursor.lastSequence = 17
        ready.shards = [cursor]
        ready.embeddingDimension = 128
        var result = Homeward_V1_MatchResult()
        result.requestID = 99
        var cand = Homeward_V1_Candidate()
        cand.caseID = 42
        cand.sightingID = 7
        cand.score = 0.91
        cand.face = 0.88
        cand.marks = 0.3
        cand.distanceKm = 10
        cand.elapsedSeconds = 3600
        result.candidates = [cand]
        result.shardIds = [0]
        result.compared = 1000
        var heartbeat = Homeward_V1_Heartbeat()
        heartbeat.sentAtMs = now * 1000
        var disconnect = Homeward_V1_Disconnect()
        disconnect.reason = .shutdown
        var sync = Homeward_V1_SyncRequest()
        sync.from = cursor
        return [
            .ready(ready), .request(matchRequest()), .final(result),
            .heartbeat(heartbeat), .heartbeat(Homeward_V1_Heartbeat()), .disconnect(disconnect), .sync(sync),
            .update(update(sequence: 4) { $0.snapshotBegin.rowCount = 1 }),
            .update(update(sequence: 4) { $0.snapshotRow = caseFeatures() }),
            .update(update(sequence: 4) { $0.snapshotEnd.rowCount = 1 }),
            .update(update(sequence: 5) { $0.upsert = caseFeatures() }),
            .update(update(sequence: 6) { $0.remove.caseID = 42; $0.remove.reason = .closed }),
        ]
    }
}

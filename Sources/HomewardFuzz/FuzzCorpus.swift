import Foundation
import HomewardProtocol

/// Valid messages of each protocol for `homeward fuzz` to mutate: one of each
/// client request, the main worker messages, and an alert event, all at the
/// fixed time `now` (the protocol fuzzer validates against it).
enum FuzzCorpus {
    static let now: Int64 = 1_795_910_400  // 2026-11-29T00:00:00Z

    static func protocolMessages() -> [[Frame]] {
        clientRequests().map(ClientCodec.encode) + workerMessages().map(WorkerCodec.encode)
            + [AlertStreamCodec.encode(AlertStreamCodec.event(alert()), topic: "110000")]
    }

    static func embedding(_ seed: Int) -> [Float] {
        (0..<128).map { Float(sin(Double($0 * 7 + seed * 13))) }
    }

    static func point(_ lat: Double, _ lon: Double) -> Homeward_V1_LatLon {
        var p = Homeward_V1_LatLon()
        p.latitude = lat
        p.longitude = lon
        return p
    }

    static func request(_ fill: (inout Homeward_V1_Request) -> Void) -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = ClientCodec.protocolVersion
        r.requestID = "fuzz-0001"
        fill(&r)
        return r
    }

    static func clientRequests() -> [Homeward_V1_Request] {
        var register = Homeward_V1_RegisterCase()
        register.personal.childName = "Synthetic Child"
        register.personal.guardianContact = "+86 000 0000 0000"
        register.sex = .female
        register.birthDate = 1_577_836_800
        register.missingSince = now - 3600
        register.lastSeen = point(39.9042, 116.4074)
        register.markTags = ["mole-neck"]
        var face = Homeward_V1_FaceInput()
        face.embedding.values = embedding(1)
        var photo = Homeward_V1_FaceInput()
        photo.photo.data = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array(repeating: 0x42, count: 64))
        register.photos = [face, photo]
        var sighting = Homeward_V1_SubmitSighting()
        sighting.observedAt = now - 60
        sighting.location = point(39.95, 116.30)
        sighting.sex = .female
        sighting.estimatedAge.loYears = 5
        sighting.estimatedAge.hiYears = 8
        sighting.markTags = ["mole-neck"]
        face.embedding.values = embedding(2)
        sighting.faces = [face]
        sighting.submitter = "volunteer-17"
        sighting.photoSha256 = Data(repeating: 0xAB, count: 32)
        sighting.photoPhash = Data(repeating: 0x5C, count: 32)
        return [
            request { $0.registerCase = register },
            request { $0.submitSighting = sighting },
            request { $0.closeCase.caseID = 42; $0.closeCase.outcome = .found; $0.closeCase.note = "home" },
            request { $0.showCase.caseID = 42; $0.showCase.operator = "op-1"; $0.showCase.purpose = "review" },
            request {
                $0.reviewAlert.alertID = AlertID.make(caseID: 42, sightingID: 7)
                $0.reviewAlert.reviewer = "reviewer-3"
                $0.reviewAlert.decision = .reject
                $0.reviewAlert.reason = "different child"
            },
            request { $0.status = Homeward_V1_Status() },
            request { $0.alertCatchUp.province = "440000"; $0.alertCatchUp.fromSequence = 5; $0.alertCatchUp.maxCount = 100 },
            request { $0.showSighting.sightingID = 7 },
            request { $0.showReviews.alertIds = [AlertID.make(caseID: 42, sightingID: 7), AlertID.make(caseID: 43, sightingID: 7)] },
            request { $0.showPhotos.sightingID = 7; $0.showPhotos.reader = "li" },
        ]
    }

    static func workerMessages() -> [WorkerMessage] {
        var ready = Homeward_V1_WorkerReady()
        ready.protocolVersion = 1
        ready.workerID = "w1"
        ready.embeddingDimension = 128
        var features = Homeward_V1_SightingFeatures()
        features.sightingID = 7
        features.observedAt = now
        features.location = point(39.9, 116.4)
        features.sex = .male
        features.estimatedAge.loYears = 3
        features.estimatedAge.hiYears = 6
        features.marks = MarkBitsCoding.make([1, 0, 0, 0])
        features.faces = [VectorCoding.vector(VectorCoding.normalized(embedding(3)))]
        var match = Homeward_V1_MatchRequest()
        match.requestID = 99
        match.shardIds = [0, 1]
        match.sightings = [features]
        match.topK = 10
        var result = Homeward_V1_MatchResult()
        result.requestID = 99
        var candidate = Homeward_V1_Candidate()
        candidate.caseID = 42
        candidate.sightingID = 7
        candidate.score = 0.91
        candidate.face = 0.88
        candidate.distanceKm = 10
        candidate.elapsedSeconds = 3600
        result.candidates = [candidate]
        result.shardIds = [0]
        var heartbeat = Homeward_V1_Heartbeat()
        heartbeat.sentAtMs = now * 1000
        var caseFeatures = Homeward_V1_CaseFeatures()
        caseFeatures.caseID = 42
        caseFeatures.sex = .male
        caseFeatures.birthDate = 1_577_836_800
        caseFeatures.missingSince = now - 86_400
        caseFeatures.lastSeen = point(39.9, 116.4)
        caseFeatures.marks = MarkBitsCoding.make([5, 0, 0, 0])
        caseFeatures.photos = [VectorCoding.vector(VectorCoding.normalized(embedding(5)))]
        var update = Homeward_V1_FeatureUpdate()
        update.shardID = 1
        update.sequence = 5
        update.snapshotEpoch = 1
        update.upsert = caseFeatures
        return [.ready(ready), .request(match), .final(result), .heartbeat(heartbeat), .update(update)]
    }

    static func alert() -> Homeward_V1_Alert {
        var a = Homeward_V1_Alert()
        a.alertID = AlertID.make(caseID: 42, sightingID: 7)
        a.caseID = 42
        a.sightingID = 7
        a.score = 0.93
        a.face = 0.9
        a.tier = .urgent
        a.provinces = ["110000"]
        a.sightingLocation = point(39.9, 116.4)
        a.observedAt = now
        a.distanceKm = 12.5
        a.elapsedSeconds = 3600
        a.rank = 1
        a.topic = "110000"
        a.sequence = 9
        a.publishedAtMs = now * 1000 + 5
        return a
    }
}

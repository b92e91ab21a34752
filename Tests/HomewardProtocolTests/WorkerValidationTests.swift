import Foundation
import Testing
@testable import HomewardProtocol

@Suite struct WorkerValidationTests {
    func check(_ message: WorkerMessage, validator: WorkerValidator = WorkerValidator()) -> ProtocolError? {
        do {
            try validator.validate(message, now: Fixtures.now)
            return nil
        } catch {
            return error
        }
    }

    func expectRejected(
        _ message: WorkerMessage, _ rule: ValidationRule, field: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = check(message)
        #expect(error?.rule == rule, "got \(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.field == field, "got \(String(describing: error))", sourceLocation: sourceLocation)
    }

    func ready(_ edit: (inout Homeward_V1_WorkerReady) -> Void) -> WorkerMessage {
        guard case .ready(var r) = Fixtures.allWorkerMessages()[0] else { fatalError("fixture order") }
        edit(&r)
        return .ready(r)
    }

    func request(_ edit: (inout Homeward_V1_MatchRequest) -> Void) -> WorkerMessage {
        var m = Fixtures.matchRequest()
        edit(&m)
        return .request(m)
    }

    @Test func readyChecks() {
        let l = ProtocolLimits.v1
        #expect(check(ready { $0.workerID = String(repeating: "w", count: l.maxWorkerIDBytes) }) == nil)
        expectRejected(ready { $0.workerID = String(repeating: "w", count: l.maxWorkerIDBytes + 1) }, .workerIDFormat, field: "worker_id")
        expectRejected(ready { $0.workerID = "" }, .workerIDFormat, field: "worker_id")
        expectRejected(ready { $0.workerID = "w 1" }, .workerIDFormat, field: "worker_id")
        expectRejected(ready { $0.protocolVersion = 2 }, .unsupportedVersion, field: "protocol_version")
        expectRejected(ready { $0.embeddingDimension = 512 }, .embeddingDimension, field: "embedding_dimension")
        expectRejected(ready { $0.shards[0].shardID = 4096 }, .countRange, field: "shards[0].shard_id")
    }

    @Test func matchRequestChecks() {
        let l = ProtocolLimits.v1
        let many = (0..<l.maxBatchSightings).map { _ in Fixtures.sightingFeatures() }
        #expect(check(request { $0.sightings = many; $0.topK = UInt32(l.maxTopK) }) == nil)
        expectRejected(request { $0.sightings = many + many[0..<1] }, .tooMany, field: "sightings")
        expectRejected(request { $0.sightings = [] }, .tooFew, field: "sightings")
        expectRejected(request { $0.topK = UInt32(l.maxTopK) + 1 }, .countRange, field: "top_k")
        expectRejected(request { $0.topK = 0 }, .countRange, field: "top_k")
        expectRejected(request { $0.requestID = 0 }, .zeroID, field: "request_id")
        expectRejected(request { $0.shardIds = [] }, .tooFew, field: "shard_ids")
        expectRejected(request { $0.sightings[0].sightingID = 0 }, .zeroID, field: "sightings[0].sighting_id")
        expectRejected(
            request { $0.sightings[0].location.longitude = 181 }, .longitudeRange, field: "sightings[0].location.longitude")
        expectRejected(request { $0.sightings[0].estimatedAge.hiYears = 100.5 }, .ageRange, field: "sightings[0].estimated_age.hi_years")
    }

    @Test func vectorChecks() {
        let l = ProtocolLimits.v1
        expectRejected(
            request { $0.sightings[0].faces[1].f32Le.removeLast() }, .embeddingDimension, field: "sightings[0].faces[1].f32le")
        expectRejected(
            request { $0.sightings[0].faces[0] = VectorCoding.vector(Fixtures.embedding(seed: 9)) },
            .vectorNotNormalized, field: "sightings[0].faces[0].f32le")
        var nan = VectorCoding.normalized(Fixtures.embedding(seed: 9))
        nan[3] = .nan
        expectRejected(
            request { $0.sightings[0].faces[0] = VectorCoding.vector(nan) }, .embeddingNotFinite,
            field: "sightings[0].faces[0].f32le[3]")
        expectRejected(
            request { $0.sightings[0].faces = (0...l.maxSightingFaces).map { Fixtures.vector(seed: UInt64($0)) } },
            .tooMany, field: "sightings[0].faces")
    }

    @Test func featureUpdateChecks() {
        expectRejected(.update(Fixtures.update(sequence: 0) { $0.upsert = Fixtures.caseFeatures() }), .sequenceZero, field: "sequence")
        expectRejected(.update(Fixtures.update(sequence: 0) { $0.remove.caseID = 1 }), .sequenceZero, field: "sequence")
        // A snapshot of an empty log is at base sequence 0.
        #expect(check(.update(Fixtures.update(sequence: 0) { $0.snapshotBegin.rowCount = 0 })) == nil)
        expectRejected(.update(Fixtures.update(sequence: 3) { _ in }), .missingField, field: "change")
        expectRejected(.update(Fixtures.update(shard: 5000, sequence: 3) { $0.remove.caseID = 1 }), .countRange, field: "shard_id")
        var c = Fixtures.caseFeatures()
        c.missingSince = c.birthDate - 1
        expectRejected(.update(Fixtures.update(sequence: 3) { $0.upsert = c }), .timeOrder, field: "upsert.missing_since")
        c = Fixtures.caseFeatures()
        c.photos = []
        expectRejected(.update(Fixtures.update(sequence: 3) { $0.snapshotRow = c }), .tooFew, field: "snapshot_row.photos")
        c = Fixtures.caseFeatures()
        c.photos = (0...ProtocolLimits.v1.maxCasePhotos).map { Fixtures.vector(seed: UInt64($0)) }
        expectRejected(.update(Fixtures.update(sequence: 3) { $0.upsert = c }), .tooMany, field: "upsert.photos")
    }

    @Test func resultChecks() {
        guard case .final(var result) = Fixtures.allWorkerMessages()[2] else { fatalError("fixture order") }
        result.candidates[0].score = .nan
        expectRejected(.final(result), .embeddingNotFinite, field: "candidates[0].score")
        result.candidates[0].score = 1
        result.candidates[0].caseID = 0
        expectRejected(.final(result), .zeroID, field: "candidates[0].case_id")
    }
}

extension WorkerValidationTests {
    /// Issue 12 item 1: a photo of no one is an answer, not a malformed message.
    @Test func extractedWithNoFaceIsValid() {
        var m = Homeward_V1_ExtractedFaces()
        m.jobID = 1
        m.outcome = .ok
        #expect(check(.extracted(m)) == nil)
    }
}

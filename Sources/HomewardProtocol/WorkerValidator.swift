/// Range and size checks for worker-protocol messages. Workers are trusted
/// processes, but a bug or a corrupted frame must not crash the peer or put a
/// NaN into a shard, so every decoded message is checked.
public struct WorkerValidator: Sendable {
    public var limits: ProtocolLimits
    /// Largest shard id in the cluster config (ids are 0...maxShardID).
    public var maxShardID: UInt32

    public init(limits: ProtocolLimits = .v1, maxShardID: UInt32 = 4095) {
        self.limits = limits
        self.maxShardID = maxShardID
    }

    public func validate(_ message: WorkerMessage, now: Int64) throws(ProtocolError) {
        switch message {
        case .ready(let m): try validate(m)
        case .request(let m): try validate(m, now: now)
        case .final(let m): try validate(m)
        case .heartbeat: return
        case .disconnect(let m):
            if case .UNRECOGNIZED(let raw) = m.reason {
                throw ProtocolError(.unspecifiedEnum, field: "reason", "has unknown value \(raw)")
            }
        case .update(let m): try validate(m, now: now)
        case .sync(let m):
            guard m.hasFrom else { throw ProtocolError(.missingField, field: "from", "is required") }
            try shard(m.from.shardID, at: "from.shard_id")
        case .extract(let m):
            try FieldCheck.nonZero(m.jobID, at: "job_id")
            if m.photo.isEmpty { throw ProtocolError(.photoEmpty, field: "photo", "is empty") }
            if m.photo.count > limits.maxPhotoBytes {
                throw ProtocolError(.photoTooLarge, field: "photo", "is \(m.photo.count) bytes; the limit is \(limits.maxPhotoBytes)")
            }
        case .extracted(let m):
            try FieldCheck.nonZero(m.jobID, at: "job_id")
            if case .UNRECOGNIZED(let raw) = m.outcome {
                throw ProtocolError(.unspecifiedEnum, field: "outcome", "has unknown value \(raw)")
            }
            // Zero faces is an answer (a photo of no one), not a malformed message.
            try vectors(m.faces, at: "faces", min: 0, max: limits.maxSightingFaces * 2)
        }
    }

    func validate(_ m: Homeward_V1_WorkerReady) throws(ProtocolError) {
        if m.protocolVersion != WorkerCodec.protocolVersion {
            throw ProtocolError(
                .unsupportedVersion, field: "protocol_version",
                "is \(m.protocolVersion); this coordinator speaks worker protocol \(WorkerCodec.protocolVersion)")
        }
        let id = m.workerID.utf8
        let idOK = !id.isEmpty && id.count <= limits.maxWorkerIDBytes && id.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        if !idOK {
            throw ProtocolError(
                .workerIDFormat, field: "worker_id", "must be 1-\(limits.maxWorkerIDBytes) characters of A-Z a-z 0-9 . _ -")
        }
        try FieldCheck.count(m.shards.count, at: "shards", min: 0, max: Int(maxShardID) + 1)
        for (i, cursor) in m.shards.enumerated() { try shard(cursor.shardID, at: "shards[\(i)].shard_id") }
        if Int(m.embeddingDimension) != limits.embeddingDimension {
            throw ProtocolError(
                .embeddingDimension, field: "embedding_dimension",
                "is \(m.embeddingDimension); the cluster uses \(limits.embeddingDimension)")
        }
    }

    func validate(_ m: Homeward_V1_MatchRequest, now: Int64) throws(ProtocolError) {
        try FieldCheck.nonZero(m.requestID, at: "request_id")
        try FieldCheck.count(m.shardIds.count, at: "shard_ids", min: 1, max: Int(maxShardID) + 1)
        for (i, id) in m.shardIds.enumerated() { try shard(id, at: "shard_ids[\(i)]") }
        if m.topK == 0 || Int(m.topK) > limits.maxTopK {
            throw ProtocolError(.countRange, field: "top_k", "must be in 1...\(limits.maxTopK)")
        }
        try FieldCheck.count(m.sightings.count, at: "sightings", min: 1, max: limits.maxBatchSightings)
        for (i, s) in m.sightings.enumerated() {
            let path = "sightings[\(i)]"
            try FieldCheck.nonZero(s.sightingID, at: path + ".sighting_id")
            try FieldCheck.time(s.observedAt, at: path + ".observed_at", now: now, limits: limits)
            try FieldCheck.location(s.location, present: s.hasLocation, at: path + ".location")
            try FieldCheck.sex(s.sex, at: path + ".sex")
            if s.hasEstimatedAge { try FieldCheck.ageRange(s.estimatedAge, at: path + ".estimated_age", limits: limits) }
            try vectors(s.faces, at: path + ".faces", max: limits.maxSightingFaces)
        }
    }

    func validate(_ m: Homeward_V1_MatchResult) throws(ProtocolError) {
        try FieldCheck.nonZero(m.requestID, at: "request_id")
        try FieldCheck.count(
            m.candidates.count, at: "candidates", min: 0, max: limits.maxBatchSightings * limits.maxTopK)
        for (i, c) in m.candidates.enumerated() {
            let path = "candidates[\(i)]"
            try FieldCheck.nonZero(c.caseID, at: path + ".case_id")
            try FieldCheck.nonZero(c.sightingID, at: path + ".sighting_id")
            for (value, name) in [(c.score, "score"), (c.face, "face"), (c.marks, "marks"), (c.distanceKm, "distance_km")]
            where !value.isFinite {
                throw ProtocolError(.embeddingNotFinite, field: path + "." + name, "is NaN or infinite")
            }
        }
    }

    func validate(_ m: Homeward_V1_FeatureUpdate, now: Int64) throws(ProtocolError) {
        try shard(m.shardID, at: "shard_id")
        switch m.change {
        case .snapshotBegin?, .snapshotEnd?: return
        case .snapshotRow(let c)?: try validate(c, at: "snapshot_row", now: now)
        case .upsert(let c)?:
            try increment(m.sequence)
            try validate(c, at: "upsert", now: now)
        case .remove(let r)?:
            try increment(m.sequence)
            try FieldCheck.nonZero(r.caseID, at: "remove.case_id")
        case nil: throw ProtocolError(.missingField, field: "change", "feature update has no change")
        }
    }

    func validate(_ c: Homeward_V1_CaseFeatures, at field: String, now: Int64) throws(ProtocolError) {
        try FieldCheck.nonZero(c.caseID, at: field + ".case_id")
        try FieldCheck.sex(c.sex, at: field + ".sex")
        try FieldCheck.time(c.birthDate, at: field + ".birth_date", now: now, limits: limits)
        try FieldCheck.time(c.missingSince, at: field + ".missing_since", now: now, limits: limits)
        if c.missingSince < c.birthDate {
            throw ProtocolError(.timeOrder, field: field + ".missing_since", "is before birth_date")
        }
        try FieldCheck.location(c.lastSeen, present: c.hasLastSeen, at: field + ".last_seen")
        try vectors(c.photos, at: field + ".photos", max: limits.maxCasePhotos)
    }

    private func increment(_ sequence: UInt64) throws(ProtocolError) {
        if sequence == 0 {
            throw ProtocolError(.sequenceZero, field: "sequence", "increments are numbered from 1")
        }
    }

    private func shard(_ id: UInt32, at field: String) throws(ProtocolError) {
        if id > maxShardID {
            throw ProtocolError(.countRange, field: field, "shard \(id) is beyond the configured \(maxShardID)")
        }
    }

    /// Worker vectors: exact byte length, finite, already unit length.
    private func vectors(_ vectors: [Homeward_V1_Vector], at field: String, min: Int = 1, max: Int) throws(ProtocolError) {
        try FieldCheck.count(vectors.count, at: field, min: min, max: max)
        for (i, vector) in vectors.enumerated() {
            let path = "\(field)[\(i)].f32le"
            let expected = limits.embeddingDimension * 4
            guard vector.f32Le.count == expected, let values = VectorCoding.floats(vector) else {
                throw ProtocolError(
                    .embeddingDimension, field: path,
                    "is \(vector.f32Le.count) bytes; expected \(expected) (\(limits.embeddingDimension) float32)")
            }
            var sum: Float = 0
            for (k, v) in values.enumerated() {
                if !v.isFinite { throw ProtocolError(.embeddingNotFinite, field: "\(path)[\(k)]", "is NaN or infinite") }
                sum += v * v
            }
            if abs(sum.squareRoot() - 1) > limits.normTolerance {
                throw ProtocolError(.vectorNotNormalized, field: path, "is not L2-normalised")
            }
        }
    }
}

import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardStore

/// Operator requests that only read or append to the store (no coordinator
/// decision): show a case (audited), record a review, catch up on a topic,
/// show a sighting's progress, answer a retried request id.
struct OperatorRequests: Sendable {
    let store: SQLiteWriter
    let topics: TopicSequences
    let clock: WallClock

    func showCase(_ m: Homeward_V1_ShowCase, requestID: String) async throws -> Homeward_V1_Reply {
        let caseID = m.caseID, reader = m.operator, purpose = m.purpose, now = clock.unixSeconds()
        let found = try await store.write { db -> ShownCase? in
            let s = CoordinatorStore(db)
            guard let record = try s.caseRecord(id: caseID),
                  let personal = try s.personalData(caseID: caseID, reader: reader, purpose: purpose, at: now) else { return nil }
            return ShownCase(record: record, personal: personal)
        }
        guard let record = found?.record, let personal = found?.personal else {
            throw ProtocolError(.notFound, field: "case_id", "case \(caseID) does not exist", requestID: requestID)
        }
        return ClientCodec.reply(to: requestID) { r in
            r.caseShown.caseID = record.id
            r.caseShown.personal.childName = personal.childName
            r.caseShown.personal.guardianContact = personal.guardianContact
            r.caseShown.personal.notes = personal.notes
            r.caseShown.personal.homeProvince = personal.homeProvince ?? ""
            r.caseShown.sex = Homeward_V1_Sex(rawValue: record.sex) ?? .unknown
            r.caseShown.birthDate = record.birthDate
            r.caseShown.missingSince = record.missingSince
            r.caseShown.lastSeen = FeatureMapping.wire(GeoPoint(latitude: record.lastSeenLatitude, longitude: record.lastSeenLongitude))
            r.caseShown.markTags = record.marks
            r.caseShown.photoCount = UInt32(record.embeddings.count)
            r.caseShown.state = switch record.status { case .open: .open; case .found: .found; case .withdrawn: .withdrawn }
            r.caseShown.registeredAt = record.registeredAt
            r.caseShown.closedAt = record.closedAt ?? 0
            r.caseShown.province = record.province ?? ""
        }
    }

    struct ShownCase: Sendable {
        var record: CaseRecord
        var personal: CasePersonalData
    }

    /// A retried request id gets its first reply: not a refusal it would get
    /// now (back-pressure, no worker, a closed case), no second extraction.
    /// Operator requests ask first; a sighting asks only before decoding
    /// unknown photo bytes and when the core refuses it. (Each handler checks
    /// again inside its transaction, for a retry that arrives while the first
    /// is still being stored.)
    func earlierReply(to requestID: String) async throws -> Homeward_V1_Reply? {
        guard let earlier = try await store.read({ db in try CoordinatorStore(db).reply(forRequest: requestID) }) else { return nil }
        return try Homeward_V1_Reply(serializedBytes: earlier)
    }

    /// The wire reply to a sighting's answer from the core; a refusal throws,
    /// unless its request id was stored before (a retry gets its first reply).
    func sightingReply(_ answer: SightingReply, requestID: String) async throws -> Homeward_V1_Reply {
        if case .refused = answer, let earlier = try await earlierReply(to: requestID) { return earlier }
        return try ClientMapping.reply(answer, requestID: requestID)
    }

    /// One review per alert: a retried request id gets its first reply, the
    /// same decision again the first `Reviewed`, a different one ALREADY_EXISTS;
    /// nothing is stored or audited twice. The reply is saved in the review's transaction.
    func review(_ m: Homeward_V1_ReviewAlert, requestID: String) async throws -> Homeward_V1_Reply {
        let now = clock.unixSeconds()
        let alertID = m.alertID, reviewer = m.reviewer, decision = m.decision, reason = m.reason
        let replyBytes: [UInt8]
        do {
            replyBytes = try await store.write { db -> [UInt8] in
                let s = CoordinatorStore(db)
                if let earlier = try s.reply(forRequest: requestID) { return earlier }
                let recordedAt = try s.recordReview(alertID: alertID, reviewer: reviewer, confirm: decision == .confirm, reason: reason, at: now)
                let bytes = Frames.serialize(ClientCodec.reply(to: requestID) {
                    $0.reviewed.alertID = alertID
                    $0.reviewed.decision = decision
                    $0.reviewed.recordedAt = recordedAt
                })
                try s.saveReply(bytes, forRequest: requestID, at: now)
                return bytes
            }
        } catch StoreError.notFound {
            throw ProtocolError(.notFound, field: "alert_id", "alert \(alertID) does not exist", requestID: requestID)
        } catch StoreError.conflict(let why) {
            throw ProtocolError(.alreadyExists, field: "review_alert.decision", why, requestID: requestID)
        }
        return try Homeward_V1_Reply(serializedBytes: replyBytes)
    }

    func catchUp(_ m: Homeward_V1_AlertCatchUp, requestID: String) async throws -> Homeward_V1_Reply {
        let topic = m.province, from = m.fromSequence, limit = Int(m.maxCount)
        let rows = try await store.read { db in try CoordinatorStore(db).publications(topic: topic, from: from, limit: limit + 1) }
        // Retention deletes old frames: tell the client where the stored history starts.
        let first = try await store.read { db in try CoordinatorStore(db).firstSequence(topic: topic) }
        let last = topics.snapshot()[topic] ?? 0
        return try ClientCodec.reply(to: requestID) { r in
            r.alertBatch.province = topic
            r.alertBatch.lastSequence = last
            r.alertBatch.firstAvailable = max(1, first)
            r.alertBatch.more = rows.count > limit
            r.alertBatch.events = rows.prefix(limit).compactMap { try? Homeward_V1_AlertEvent(serializedBytes: $0.payload) }
        }
    }
}

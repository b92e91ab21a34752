import ClusterCore
import Foundation
import GeoIndex
import HomewardProtocol
import HomewardStore
import MatchEngine
import PhotoPipeline

extension CoordinatorNode {
    /// Handles one client message (as the ROUTER received it) and sends the reply.
    /// Bad input gets a specific error; nothing is stored for it.
    /// `userID` is the ZAP `User-Id` of the sender's key (nil in plain-text mode).
    public func handleClient(_ frames: [Frame], userID: String? = nil) async {
        let route: [Frame]
        let body: [Frame]
        do {
            (route, body) = try Frames.split(frames)
        } catch {
            // No delimiter: we cannot even address a reply reliably; answer the first frame.
            counters.rejected += 1
            if let id = frames.first { outbox.toClient(Frames.join(route: [id], body: ClientCodec.encode(ClientCodec.errorReply(error)))) }
            return
        }
        let reply: Homeward_V1_Reply
        var requestID = ""
        do {
            let request = try ClientCodec.decodeRequest(body, limits: requestValidator.limits)
            requestID = request.requestID
            try requestValidator.validate(request, now: clock.unixSeconds())
            let allowed = try await authorize(request, userID: userID)
            reply = try await answer(allowed.request)
            await auditOutcome(allowed, reply: reply)
        } catch var error as ProtocolError {
            if error.code != .retryLater { counters.rejected += 1 }
            if error.requestID.isEmpty { error.requestID = requestID }
            reply = ClientCodec.errorReply(error)
        } catch {
            logger.error("request failed", metadata: ["error": "\(error)"])
            reply = ClientCodec.errorReply(ProtocolError(.internalError, field: "", "the coordinator failed to handle the request: \(error)", requestID: requestID))
        }
        outbox.toClient(Frames.join(route: route, body: ClientCodec.encode(reply)))
    }

    func answer(_ request: Homeward_V1_Request) async throws -> Homeward_V1_Reply {
        let id = request.requestID
        switch request.body {
        case .registerCase(let m): return try await registerCase(m, requestID: id)
        case .closeCase(let m): return try await closeCase(m, requestID: id)
        case .showCase(let m): return try await showCase(m, requestID: id)
        case .submitSighting(let m): return try await submitSighting(m, requestID: id)
        case .reviewAlert(let m): return try await review(m, requestID: id)
        case .status: return ClientCodec.reply(to: id) { $0.clusterStatus = status() }
        case .alertCatchUp(let m): return try await catchUp(m, requestID: id)
        case .reopenCase(let m): return try await reopenCase(m, requestID: id)
        case nil: throw ProtocolError(.missingField, field: "body", "the request has no body", requestID: id)
        }
    }

    // MARK: cases

    func registerCase(_ m: Homeward_V1_RegisterCase, requestID: String) async throws -> Homeward_V1_Reply {
        var embeddings: [[Float]] = []
        for (i, photo) in m.photos.enumerated() {
            switch photo.source {
            case .embedding(let e)?: embeddings.append(VectorCoding.normalized(e.values))
            case .photo(let p)?:
                // A case photo shows the child: its most confident face, if any.
                if let face = try await extractFaces(p.data, field: "photos[\(i)]", requestID: requestID).first { embeddings.append(face) }
            case nil: break
            }
        }
        guard !embeddings.isEmpty else {
            throw ProtocolError(.photoFormat, field: "photos", "no face was found in any photo; send clearer frontal photos", requestID: requestID)
        }
        let id = nextCaseID
        nextCaseID += 1
        let lastSeen = FeatureMapping.point(m.lastSeen)
        let province = locateProvince(lastSeen)
        let now = clock.unixSeconds()
        let record = CaseRecord(id: id, sex: Int(m.sex.rawValue), birthDate: m.birthDate, missingSince: m.missingSince,
                                lastSeenLatitude: lastSeen.latitude, lastSeenLongitude: lastSeen.longitude, province: province,
                                marks: m.markTags, embeddings: embeddings, registeredAt: now)
        let personal = CasePersonalData(childName: m.personal.childName, guardianContact: m.personal.guardianContact,
                                        notes: m.personal.notes, homeProvince: m.personal.homeProvince.isEmpty ? nil : m.personal.homeProvince)
        let reply = ClientCodec.reply(to: requestID) {
            $0.caseRegistered.caseID = id
            $0.caseRegistered.registeredAt = now
            $0.caseRegistered.photosAccepted = UInt32(embeddings.count)
        }
        let replyBytes = Frames.serialize(reply)
        if let earlier = try await store.write({ db -> [UInt8]? in
            let s = CoordinatorStore(db)
            // A retried request id gets its first reply; nothing is stored twice.
            if let earlier = try s.reply(forRequest: requestID) { return earlier }
            try s.insertCase(record, personal: personal)
            try s.saveReply(replyBytes, forRequest: requestID, at: now)
            return nil
        }) {
            return try Homeward_V1_Reply(serializedBytes: earlier)
        }
        // Durable: now route it, send it to the shard's replicas, and match it
        // against the sightings already stored (contract step 10).
        let entry = CaseEntry(record: record, vocabulary: vocabulary, shardMap: shardMap)
        index(entry)
        publishUpdate(.upsert(FeatureMapping.wire(entry.features)), shard: entry.shard)
        if reach.payload(id: id) != nil, matchConfig.reachTiers.tierIndex(elapsedSeconds: now - record.missingSince) == nil {
            unboundedShards.insert(entry.shard)
        }
        await matchNewCase(entry)
        return reply
    }

    func closeCase(_ m: Homeward_V1_CloseCase, requestID: String) async throws -> Homeward_V1_Reply {
        let now = clock.unixSeconds()
        let status: CaseRecord.Status = m.outcome == .found ? .found : .withdrawn
        let reply = ClientCodec.reply(to: requestID) {
            $0.caseClosed.caseID = m.caseID
            $0.caseClosed.outcome = m.outcome
            $0.caseClosed.closedAt = now
        }
        let replyBytes = Frames.serialize(reply)
        let caseID = m.caseID, note = m.note
        // (Results of store jobs are structs or enums, not tuples: a tuple result
        // through the generic async `write` was miscompiled in release builds.)
        let outcome = try await store.write { db -> CloseOutcome in
            let s = CoordinatorStore(db)
            if let earlier = try s.reply(forRequest: requestID) { return .earlier(earlier) }
            guard try s.closeCase(caseID, status: status, note: note, at: now) else { return .notOpen }
            try s.saveReply(replyBytes, forRequest: requestID, at: now)
            return .closed
        }
        if case .earlier(let earlier) = outcome { return try Homeward_V1_Reply(serializedBytes: earlier) }
        guard case .closed = outcome else {
            throw ProtocolError(.notFound, field: "case_id", "case \(caseID) is not open (unknown or already closed)", requestID: requestID)
        }
        if let entry = cases.removeValue(forKey: caseID) {
            reach.remove(id: caseID)
            freshReach.remove(id: caseID)
            freshIDs.remove(caseID)
            var remove = Homeward_V1_Remove()
            remove.caseID = caseID
            remove.reason = .closed
            publishUpdate(.remove(remove), shard: entry.shard)
            counters.closedCases += 1
            var notice = Homeward_V1_CaseClosed()
            notice.caseID = caseID
            notice.found = status == .found
            notice.closedAt = now
            await publish(closures: [(notice, entry.province ?? NationalTopic.code)])
        }
        return reply
    }

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

    // MARK: sightings

    func submitSighting(_ m: Homeward_V1_SubmitSighting, requestID: String) async throws -> Homeward_V1_Reply {
        let now = clock.unixSeconds()
        let location = FeatureMapping.point(m.location)
        // Reposts: the first photo's bytes, then its perceptual hash, name the original.
        let photos = m.faces.enumerated().compactMap { i, f -> (Int, Data)? in if case .photo(let p)? = f.source { (i, p.data) } else { nil } }
        var digest: [UInt8]? = m.photoSha256.isEmpty ? nil : [UInt8](m.photoSha256)
        var fingerprint: PhotoFingerprint?
        if let (i, first) = photos.first {
            let bytes = PhotoBytes([UInt8](first))
            let sha = await Self.digest(bytes)
            digest = sha.bytes
            if photoDigests[sha.bytes] == nil && reposts.original(ofBytes: sha) == nil {
                do {
                    fingerprint = try await Self.fingerprint(bytes, digest: sha)
                } catch {
                    throw ProtocolError.photo(error, field: "faces[\(i)]", requestID: requestID)
                }
            }
        }
        var repostOf = digest.flatMap { photoDigests[$0] }
        if repostOf == nil, let fingerprint, let hit = reposts.original(of: fingerprint) { repostOf = hit.id }
        let estimatedAge = m.hasEstimatedAge ? Double(m.estimatedAge.loYears)...Double(m.estimatedAge.hiYears) : nil
        var features = SightingFeatures(id: 0, observedAt: m.observedAt, location: location, sex: FeatureMapping.sex(m.sex),
                                        estimatedAge: estimatedAge, marks: vocabulary.markSet(m.markTags), embeddings: [])
        // Only an original is routed: a repost is never matched, and in a storm
        // routing was a tenth of the coordinator's time.
        let route = repostOf == nil ? route(features) : (shards: [], urgent: false)
        let priority: MatchQueue<UInt64>.Priority = route.urgent ? .urgent : .bulk
        if let original = repostOf {
            // The original may still be on its way to the store: a repost row must never point at nothing.
            await waitUntilStored(original)
        } else {
            // Back-pressure before anything is stored: reposts cost no matching, so they always pass.
            if !queue.hasRoom(for: priority) {
                counters.retryLater += 1
                throw ProtocolError(.retryLater, field: "", "the match queue is full; retry later", requestID: requestID, retryAfterMs: 200)
            }
            if !photos.isEmpty, liveWorkerCount == 0 {
                throw ProtocolError(.unavailable, field: "faces", "no worker is up to extract faces; retry later", requestID: requestID, retryAfterMs: 1_000)
            }
        }
        let id = nextSightingID
        nextSightingID += 1
        if repostOf == nil {
            // Claim the photo before any await, so concurrent reposts of it find this sighting.
            if let digest { photoDigests[digest] = id }
            if let fingerprint { reposts.register(fingerprint, sightingID: id) }
            storingOriginals[id] = []
        }
        defer { if repostOf == nil { finishedStoring(id) } }
        var faces: [[Float]] = []
        if repostOf == nil {
            for (i, face) in m.faces.enumerated() {
                switch face.source {
                case .embedding(let e)?: faces.append(VectorCoding.normalized(e.values))
                case .photo(let p)?:
                    // An extraction failure after the claim still stores the sighting (with the
                    // faces found so far) so that its reposts point at a real row.
                    if let found = try? await extractFaces(p.data, field: "faces[\(i)]", requestID: requestID) { faces += found }
                case nil: break
                }
            }
        }
        features.id = id
        features.embeddings = faces
        let province = locateProvince(location)
        let hasNothingToMatch = repostOf == nil && faces.isEmpty
        let record = SightingRecord(
            id: id, observedAt: m.observedAt, latitude: location.latitude, longitude: location.longitude, province: province,
            sex: Int(m.sex.rawValue), ageRange: estimatedAge, marks: m.markTags, faces: faces,
            photoSHA256: digest, perceptualHash: fingerprint.map(PhotoHashCoding.encode), repostOf: repostOf,
            submitterRef: m.submitter, receivedAt: now, matchedAt: hasNothingToMatch ? now : nil)
        let reply = ClientCodec.reply(to: requestID) {
            $0.sightingAccepted.sightingID = id
            if let repostOf { $0.sightingAccepted.repostOf = repostOf }
            $0.sightingAccepted.durable = true
            $0.sightingAccepted.facesAccepted = UInt32(faces.count)
        }
        let replyBytes = Frames.serialize(reply)
        let earlier = try await store.write { db -> [UInt8]? in
            let s = CoordinatorStore(db)
            if let earlier = try s.reply(forRequest: requestID) { return earlier }
            try s.insertSighting(record)
            try s.saveReply(replyBytes, forRequest: requestID, at: now)
            return nil
        }
        if let earlier {
            // A retry of a stored submission: answer as the first time, match nothing again.
            return try Homeward_V1_Reply(serializedBytes: earlier)
        }
        counters.sightings += 1
        if repostOf != nil {
            counters.reposts += 1
            return reply
        }
        guard !faces.isEmpty else { return reply }
        try? await sightingEngine.storeSighting(features)
        pending[id] = PendingSighting(features: features, province: province, priority: priority, shards: route.shards, attempts: 0)
        queue.push(id, priority: priority)
        await dispatch()
        return reply
    }

    /// Returns once sighting `id` is stored (or at once if it is not being stored now).
    func waitUntilStored(_ id: UInt64) async {
        guard storingOriginals[id] != nil else { return }
        await withCheckedContinuation { storingOriginals[id, default: []].append($0) }
    }

    func finishedStoring(_ id: UInt64) {
        for waiter in storingOriginals.removeValue(forKey: id) ?? [] { waiter.resume() }
    }

    /// SHA-256 of a photo, off the actor (a few milliseconds for a large photo).
    nonisolated static func digest(_ photo: PhotoBytes) async -> ByteDigest {
        PhotoFingerprint.digest(of: photo)
    }

    /// Decodes a photo (with every input check) and hashes it, off the actor.
    nonisolated static func fingerprint(_ photo: PhotoBytes, digest: ByteDigest) async throws(PhotoError) -> PhotoFingerprint {
        let image = try PhotoDecoder().decode(photo)
        let hashed = PerceptualHasher.hash(image)
        return PhotoFingerprint(sha256: digest, perceptual: hashed.hash, quality: hashed.quality)
    }

    enum CloseOutcome: Sendable { case closed, notOpen, earlier([UInt8]) }

    struct ShownCase: Sendable {
        var record: CaseRecord
        var personal: CasePersonalData
    }

    // MARK: reviews, catch-up, status

    func review(_ m: Homeward_V1_ReviewAlert, requestID: String) async throws -> Homeward_V1_Reply {
        let now = clock.unixSeconds()
        let alertID = m.alertID, reviewer = m.reviewer, confirm = m.decision == .confirm, reason = m.reason
        do {
            try await store.write { db in
                try CoordinatorStore(db).recordReview(alertID: alertID, reviewer: reviewer, confirm: confirm, reason: reason, at: now)
            }
        } catch StoreError.notFound {
            throw ProtocolError(.notFound, field: "alert_id", "alert \(alertID) does not exist", requestID: requestID)
        }
        return ClientCodec.reply(to: requestID) {
            $0.reviewed.alertID = alertID
            $0.reviewed.decision = m.decision
            $0.reviewed.recordedAt = now
        }
    }

    func catchUp(_ m: Homeward_V1_AlertCatchUp, requestID: String) async throws -> Homeward_V1_Reply {
        let topic = m.province, from = m.fromSequence, limit = Int(m.maxCount)
        let rows = try await store.read { db in try CoordinatorStore(db).publications(topic: topic, from: from, limit: limit + 1) }
        let last = topics.snapshot()[topic] ?? 0
        return try ClientCodec.reply(to: requestID) { r in
            r.alertBatch.province = topic
            r.alertBatch.lastSequence = last
            r.alertBatch.firstAvailable = 1
            r.alertBatch.more = rows.count > limit
            r.alertBatch.events = rows.prefix(limit).compactMap { try? Homeward_V1_AlertEvent(serializedBytes: $0.payload) }
        }
    }

    func status() -> Homeward_V1_ClusterStatus {
        var s = Homeward_V1_ClusterStatus()
        s.workers = membership.members.keys.sorted().map { id in
            let member = membership.members[id]!
            var w = Homeward_V1_WorkerStatus()
            w.workerID = id.rawValue
            w.state = switch member.state { case .alive: (synced[id]?.isEmpty == false ? .ready : .syncing); case .suspect: .suspect; case .dead: .dead }
            w.shards = Array(synced[id] ?? []).sorted()
            w.inFlight = UInt32(scatter.outstanding(for: id))
            return w
        }
        s.intakeQueueDepth = UInt32(queue.count)
        s.urgentQueueDepth = UInt32(queue.urgentCount)
        s.bulkQueueDepth = UInt32(queue.bulkCount)
        s.openCases = UInt64(cases.count)
        s.closedCases = counters.closedCases
        s.sightings = counters.sightings
        s.reposts = counters.reposts
        s.alerts = counters.alerts
        s.now = clock.unixSeconds()
        return s
    }
}

import ClusterCore
import HomewardProtocol
import HomewardStore
import PhotoPipeline

extension CoordinatorNode {
    /// The one entry point of every client message (as the ROUTER received it):
    /// decoded, validated, authorized by its key's ZAP `User-Id`, answered, and the reply sent. Bad input gets a
    /// specific error; nothing is stored for it.
    public func handleClient(_ frames: [Frame], userID: String? = nil, receivedAt started: ContinuousClock.Instant = .now) async {
        let route: [Frame], body: [Frame]
        do {
            (route, body) = try Frames.split(frames)
        } catch {
            // No delimiter: we cannot even address a reply reliably; answer the first frame.
            core.countRejected()
            if let id = frames.first { outbox.toClient(Frames.join(route: [id], body: ClientCodec.encode(ClientCodec.errorReply(error)))) }
            return
        }
        let reply: Homeward_V1_Reply
        var requestID = "", isSubmission = false
        do {
            let request = try ClientCodec.decodeRequest(body, limits: requestValidator.limits)
            (requestID, isSubmission) = (request.requestID, request.isSubmission)
            try requestValidator.validate(request, now: clock.unixSeconds())
            // Authorized as the key's identity, answered, and what it changed audited.
            let allowed = try await access.authorize(request, userID: userID)
            reply = try await answer(allowed.request)
            await access.auditOutcome(allowed, reply: reply)
        } catch {
            reply = errorReply(error, requestID: requestID)
        }
        outbox.reply(reply, to: route, isSubmission: isSubmission, since: started)
    }

    func errorReply(_ error: any Error, requestID: String) -> Homeward_V1_Reply {
        let failure = RequestFailure.reply(error, requestID: requestID, logger: logger)
        if failure.rejected { core.countRejected() }
        return failure.reply
    }

    func answer(_ request: Homeward_V1_Request) async throws -> Homeward_V1_Reply {
        let id = request.requestID
        // A sighting looks for its earlier reply itself, only where that saves
        // work or a refusal: a store read per submission halved the intake.
        if request.isMutating, !request.isSubmission, let earlier = try await operatorRequests.earlierReply(to: id) { return earlier }
        switch request.body {
        case .registerCase(let m): return try await registerCase(m, requestID: id)
        case .closeCase(let m): return try await closeCase(m, requestID: id)
        case .showCase(let m): return try await operatorRequests.showCase(m, requestID: id)
        case .submitSighting(let m): return try await submitSighting(m, requestID: id)
        case .reviewAlert(let m): return try await operatorRequests.review(m, requestID: id)
        case .status: return ClientCodec.reply(to: id) { $0.clusterStatus = ClusterStatusReport.make(core, now: clock.unixSeconds()) }
        case .alertCatchUp(let m): return try await operatorRequests.catchUp(m, requestID: id)
        case .showSighting(let m): return try await operatorRequests.showSighting(m, requestID: id)
        case .showReviews(let m): return try await operatorRequests.showReviews(m, requestID: id)
        case .showPhotos(let m): return try await operatorRequests.showPhotos(m, requestID: id)
        case .reopenCase(let m):   // issue 13: a reopened case goes the way of a registered one
            let change = try await operatorRequests.reopenCase(m, requestID: id)
            if case .changed(_, let record?) = change { await caseStored(record) }
            return change.reply
        case nil: throw ProtocolError(.missingField, field: "body", "the request has no body", requestID: id)
        }
    }

    /// The core's answer to `ticket`: kept if it came while directives ran, else awaited.
    func awaitAnswer(_ ticket: UInt64) async -> TicketBox.Answer {
        if let answer = tickets.take(ticket) { return answer }
        return await withCheckedContinuation { tickets.wait(ticket, $0) }
    }

    func submitSighting(_ m: Homeward_V1_SubmitSighting, requestID: String) async throws -> Homeward_V1_Reply {
        var submission = ClientMapping.submission(m, requestID: requestID, vocabulary: vocabulary, receivedAt: clock.unixSeconds(),
                                                  province: locateProvince(FeatureMapping.point(m.location)))
        if let first = submission.photos.first {
            // Off the actor and the cooperative pool: hashing and decoding take milliseconds.
            let sha = await PhotoWork.digest(PhotoBytes(first.bytes)), known = core.knowsPhoto(sha.bytes)
            // Bytes never seen here (or not since a restart): a retry gets its first reply without a decode.
            if !known, let earlier = try await operatorRequests.earlierReply(to: requestID) { return earlier }
            try await submission.identifyFirstPhoto(first, digest: sha, decode: !known, requestID: requestID)
        }
        let answer = await submitSightings([submission])[0]
        return try await operatorRequests.sightingReply(answer, requestID: requestID)
    }

    func registerCase(_ m: Homeward_V1_RegisterCase, requestID: String) async throws -> Homeward_V1_Reply {
        let ticket = tickets.issue()
        let photos = m.photos.compactMap { if case .photo(let p)? = $0.source { [UInt8](p.data) } else { nil } }
        await execute(core.extractCasePhotos(photos, ticket: ticket, now: now))
        guard case .caseFaces(let outcomes) = await awaitAnswer(ticket) else { preconditionFailure("a case ticket answered with a sighting reply") }
        let (embeddings, skipped) = try ClientMapping.caseEmbeddings(m, extracted: outcomes, requestID: requestID)
        switch try await operatorRequests.storeCase(m, id: core.allocateCaseID(), embeddings: embeddings, skipped: skipped, photos: photos,
                                                    province: locateProvince(FeatureMapping.point(m.lastSeen)),
                                                    keepDays: config.coordinator.photoRetentionDays, requestID: requestID) {
        case .earlier(let reply): return reply
        case .stored(let record, let reply):
            await caseStored(record)
            return reply
        }
    }

    func closeCase(_ m: Homeward_V1_CloseCase, requestID: String) async throws -> Homeward_V1_Reply {
        let change = try await operatorRequests.closeCase(m, requestID: requestID)
        if case .changed = change { await execute(core.caseClosed(m.caseID, found: m.outcome == .found, now: now)) }
        return change.reply
    }

    /// Durable: route it, send it to its replicas, match it against the stored sightings (contract step 10).
    func caseStored(_ record: CaseRecord) async {
        let entry = CaseEntry(record: record, vocabulary: vocabulary, shardMap: core.shardMap)
        await execute(core.caseRegistered(entry, now: now))
        await matchNewCase(entry)
    }

    /// Contract step 10: a new case against every stored sighting, each at its own time.
    func matchNewCase(_ entry: CaseEntry) async {
        do {
            let candidates = try await sightingEngine.matchNewCase(entry.features)
            guard !candidates.isEmpty else { return }
            let records = try await store.read { db in try candidates.map { try CoordinatorStore(db).sighting(id: $0.sightingID) } }
            let found = zip(candidates, records).compactMap { c, r in r.map { (c, $0.features(vocabulary: vocabulary), $0.province) } }
            await execute(core.newCaseMatched(entry, found: found))
        } catch {
            logger.error("matching a new case against stored sightings failed", metadata: ["case": "\(entry.features.id)", "error": "\(error)"])
        }
    }
}

import MatchEngine

extension CoordinatorCore {
    /// A validated sighting submission from the shell request `ticket`.
    ///
    /// Decides, in order: a request id already being worked on (the retry joins
    /// it), a repost (of a stored original: stored at once; of one still being
    /// stored: waits for it), back-pressure (only originals: reposts cost no
    /// matching), then claims the photo and extracts or stores.
    public mutating func submitSighting(_ s: SightingSubmission<Photos.Fingerprint>, ticket: UInt64,
                                        now: CoordinatorTime) -> [CoordinatorDirective] {
        if !s.requestID.isEmpty, let id = inProgress[s.requestID] {
            sightings[id]?.tickets.append(ticket)
            return []
        }
        var repostOf = s.digest.flatMap { photoDigests[$0] }
        if repostOf == nil, let fingerprint = s.fingerprint, let hit = photos.original(of: fingerprint) {
            repostOf = hit
        }
        if let original = repostOf {
            let id = allocateSightingID()
            let pending = sightings[original].map { $0.state == .storing || $0.state.isExtracting } ?? false
            // Later copies of these bytes are answered from the digest, without decoding.
            if let digest = s.digest, photoDigests[digest] == nil {
                photoDigests[digest] = original
                if pending { sightings[original]!.repostDigests.append(digest) }
            }
            var work = SightingWork(id: id, requestID: s.requestID, ticket: ticket, draft: s.draft, features: s.features,
                                    priority: .bulk, shards: [], repostOf: original, digest: s.digest,
                                    state: pending ? .awaitingOriginal(original) : .storing)
            work.features.id = id
            work.features.embeddings = []
            sightings[id] = work
            if pending { repostsAwaiting[original, default: []].append(id) }
            if !s.requestID.isEmpty { inProgress[s.requestID] = id }
            return pending ? [] : [store(id)]
        }
        var features = s.features
        let route = route(features)
        let priority: MatchQueue<UInt64>.Priority = route.urgent ? .urgent : .bulk
        if !queue.hasRoom(for: priority) {
            counters.retryLater += 1
            return [.reply(ticket: ticket, .refused(Refusal(.retryLater, "the match queue is full; retry later",
                                                             retryAfterMs: policy.queueFullRetryAfterMs)))]
        }
        if !s.photos.isEmpty, liveWorkerCount == 0 {
            return [.reply(ticket: ticket, .refused(Refusal(.unavailable, field: "faces", "no worker is up to extract faces; retry later",
                                                             retryAfterMs: policy.noWorkerRetryAfterMs)))]
        }
        let id = allocateSightingID()
        features.id = id
        // Claim the photo now, so that reposts arriving while it is extracted and stored find this sighting.
        if let digest = s.digest { photoDigests[digest] = id }
        if let fingerprint = s.fingerprint {
            photos.register(fingerprint, sightingID: id)
            pendingFingerprints[id] = fingerprint
        }
        let state: SightingState = s.photos.isEmpty ? .storing : .extracting(photosLeft: s.photos.count)
        sightings[id] = SightingWork(id: id, requestID: s.requestID, ticket: ticket, draft: s.draft, features: features,
                                     priority: priority, shards: route.shards, repostOf: nil, digest: s.digest, state: state)
        if !s.requestID.isEmpty { inProgress[s.requestID] = id }
        if s.photos.isEmpty { return [store(id)] }
        var directives: [CoordinatorDirective] = []
        for photo in s.photos {
            directives += startExtraction(.sighting(id), photoIndex: photo.index, photo: photo.bytes, now: now)
        }
        return directives
    }

    /// The store wrote sighting `id` and its reply: answer, release waiting
    /// reposts, and hand it to the step-10 engine before it is matched.
    public mutating func sightingStored(_ id: UInt64, now: CoordinatorTime) -> [CoordinatorDirective] {
        guard var work = sightings[id], work.state == .storing else { return [] }
        counters.sightings += 1
        finishRequest(work.requestID, id)
        pendingFingerprints[id] = nil
        work.repostDigests = []
        work.draft.photo = nil   // kept by the store now; a queued sighting must not hold its photo's bytes
        var directives = work.tickets.map { CoordinatorDirective.reply(ticket: $0, accepted(work)) }
        directives += releaseReposts(of: id)
        if work.repostOf != nil {
            counters.reposts += 1
            sightings[id] = nil
            return directives
        }
        guard !work.features.embeddings.isEmpty else {
            sightings[id] = nil   // stored as matched: nothing in it can match
            return directives
        }
        directives.append(.rememberForNewCases(work.features))
        work.state = .remembering
        work.tickets = []
        sightings[id] = work
        return directives
    }

    /// The step-10 engine has the sighting (or refused it: the shell logged and
    /// counted that): now it is matched.
    public mutating func remembered(_ id: UInt64, now: CoordinatorTime) -> [CoordinatorDirective] {
        guard let work = sightings[id], work.state == .remembering else { return [] }
        sightings[id]!.state = .queued
        queue.push(id, priority: work.priority)
        return dispatch(now: now)
    }

    /// The store found a reply already stored under the request id: the first
    /// reply goes back, nothing is stored or matched again.
    public mutating func sightingStoredEarlier(_ id: UInt64, reply: [UInt8]) -> [CoordinatorDirective] {
        guard let work = sightings[id], work.state == .storing else { return [] }
        return drop(work, reply: .earlier(reply), waitingReposts: Refusal(.retryLater, "the photo's first submission was a retry; send again",
                                                                          retryAfterMs: policy.queueFullRetryAfterMs))
    }

    /// The store failed: the submitter hears it, the claim is released, nothing is matched.
    public mutating func sightingNotStored(_ id: UInt64, error: String) -> [CoordinatorDirective] {
        guard let work = sightings[id], work.state == .storing else { return [] }
        let refusal = Refusal(.internalError, "the sighting could not be stored: \(error)")
        return [Self.log(.error, "storing a sighting failed", ["sighting": "\(id)", "error": error])]
            + drop(work, reply: .refused(refusal), waitingReposts: refusal)
    }

    // MARK: helpers

    mutating func allocateSightingID() -> UInt64 {
        defer { nextSightingID += 1 }
        return nextSightingID
    }

    func accepted(_ work: SightingWork) -> SightingReply {
        .accepted(sightingID: work.id, repostOf: work.repostOf, faces: work.features.embeddings.count)
    }

    /// Moves a sighting to `storing` and asks for the write.
    mutating func store(_ id: UInt64) -> CoordinatorDirective {
        sightings[id]!.state = .storing
        let work = sightings[id]!
        return .storeSighting(.init(id: id, requestID: work.requestID, draft: work.draft, faces: work.features.embeddings,
                                    repostOf: work.repostOf, matched: work.repostOf == nil && work.features.embeddings.isEmpty,
                                    reply: accepted(work)))
    }

    /// Reposts that waited for `original` to be stored: now they may be.
    mutating func releaseReposts(of original: UInt64) -> [CoordinatorDirective] {
        (repostsAwaiting.removeValue(forKey: original) ?? []).filter { sightings[$0]?.state == .awaitingOriginal(original) }.map { store($0) }
    }

    mutating func finishRequest(_ requestID: String, _ id: UInt64) {
        if inProgress[requestID] == id { inProgress[requestID] = nil }
    }

    /// Ends a sighting that will not be stored under its id: its submitters get
    /// `reply`, its photo claims are released (its own digest, those of reposts
    /// that pointed at it, its perceptual fingerprint), reposts waiting for it
    /// are refused.
    mutating func drop(_ work: SightingWork, reply: SightingReply, waitingReposts: Refusal) -> [CoordinatorDirective] {
        sightings[work.id] = nil
        finishRequest(work.requestID, work.id)
        if work.repostOf == nil {
            for digest in (work.digest.map { [$0] } ?? []) + work.repostDigests where photoDigests[digest] == work.id {
                photoDigests[digest] = nil
            }
            if let fingerprint = pendingFingerprints.removeValue(forKey: work.id) { photos.forget(fingerprint, sightingID: work.id) }
        }
        var directives = work.tickets.map { CoordinatorDirective.reply(ticket: $0, reply) }
        for id in repostsAwaiting.removeValue(forKey: work.id) ?? [] {
            guard let waiting = sightings[id], waiting.state == .awaitingOriginal(work.id) else { continue }
            directives += drop(waiting, reply: .refused(waitingReposts), waitingReposts: waitingReposts)
        }
        return directives
    }
}

extension SightingState {
    var isExtracting: Bool { if case .extracting = self { true } else { false } }
}

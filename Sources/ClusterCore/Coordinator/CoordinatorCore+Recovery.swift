import MatchEngine

extension CoordinatorCore {
    /// A restart: the store's open cases and original sightings come back.
    /// Photo claims are restored (reposts of them stay reposts), every stored
    /// sighting is kept for step 10, and every one acknowledged but not yet
    /// matched or failed goes back into the queue, even past its limits: it is
    /// durable and must not be lost.
    public mutating func recover(cases: [CaseEntry], sightings recovered: [RecoveredSighting<Photos.Fingerprint>],
                                 maxCaseID: UInt64, maxSightingID: UInt64, now: CoordinatorTime) -> [CoordinatorDirective] {
        nextCaseID = max(nextCaseID, maxCaseID + 1)
        nextSightingID = max(nextSightingID, maxSightingID + 1)
        for entry in cases { index(entry, now: now) }
        refreshReach(now: now)
        var directives: [CoordinatorDirective] = []
        var requeued = 0
        for r in recovered {
            let id = r.features.id
            if let digest = r.digest { photoDigests[digest] = id }
            if let fingerprint = r.fingerprint { photos.register(fingerprint, sightingID: id) }
            guard !r.features.embeddings.isEmpty else { continue }
            directives.append(.rememberForNewCases(r.features))
            guard !r.done else { continue }
            let route = route(r.features)
            let priority: MatchQueue<UInt64>.Priority = route.urgent ? .urgent : .bulk
            let draft = SightingDraft(observedAt: r.features.observedAt, latitude: r.features.location.latitude,
                                      longitude: r.features.location.longitude, province: r.province, sex: Int(r.features.sex.rawValue),
                                      ageRange: r.features.estimatedAge, marks: [], submitter: "", receivedAt: now.unixSeconds)
            var work = SightingWork(id: id, requestID: "", ticket: 0, draft: draft, features: r.features, priority: priority,
                                    shards: route.shards, repostOf: nil, digest: r.digest, state: .queued)
            work.tickets = []
            sightings[id] = work
            queue.push(id, priority: priority)
            requeued += 1
        }
        directives.append(Self.log(.info, "coordinator recovered",
                                   ["cases": "\(cases.count)", "sightings": "\(recovered.count)", "requeued": "\(requeued)"]))
        return directives
    }
}

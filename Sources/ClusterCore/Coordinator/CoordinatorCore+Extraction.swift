/// Face extraction as a service of the workers: each photo goes to one live
/// worker, round robin; a job whose worker dies, has no face model or runs
/// out of time moves to another, at most `policy.extractionTries` times.
extension CoordinatorCore {
    /// A case registration's photos (in order); answered with `.caseFaces(ticket, …)`.
    public mutating func extractCasePhotos(_ photos: [[UInt8]], ticket: UInt64, now: CoordinatorTime) -> [CoordinatorDirective] {
        guard !photos.isEmpty else { return [.caseFaces(ticket: ticket, [])] }
        caseExtractions[ticket] = Array(repeating: nil, count: photos.count)
        var directives: [CoordinatorDirective] = []
        for (i, photo) in photos.enumerated() {
            directives += startExtraction(.caseRequest(ticket: ticket), photoIndex: i, photo: photo, now: now)
        }
        return directives
    }

    /// A worker's answer to job `job`. Late answers (the job moved on) are ignored.
    public mutating func extracted(job id: UInt64, from worker: WorkerID, _ outcome: ExtractionOutcome,
                                   now: CoordinatorTime) -> [CoordinatorDirective] {
        guard let job = jobs[id], job.worker == worker else { return [] }
        if outcome == .noExtractor { return sendExtraction(id, now: now) }   // a worker with the model may exist
        return finishExtraction(id, outcome, now: now)
    }

    mutating func startExtraction(_ owner: ExtractionJob.Owner, photoIndex: Int, photo: [UInt8], now: CoordinatorTime) -> [CoordinatorDirective] {
        let id = nextJob
        nextJob += 1
        jobs[id] = ExtractionJob(owner: owner, photoIndex: photoIndex, photo: photo, worker: nil, startedAt: now.monotonic, attempts: 0)
        return sendExtraction(id, now: now)
    }

    /// Sends a job to the next live worker other than the one that last had it.
    mutating func sendExtraction(_ id: UInt64, now: CoordinatorTime) -> [CoordinatorDirective] {
        guard var job = jobs[id] else { return [] }
        let live = membership.members.keys.sorted().filter { membership.isAlive($0) && $0 != job.worker }
        guard !live.isEmpty, job.attempts < policy.extractionTries else {
            return finishExtraction(id, .noLiveWorker, now: now)
        }
        let worker = live[extractionTurn % live.count]
        extractionTurn += 1
        job.worker = worker
        job.attempts += 1
        job.startedAt = now.monotonic
        jobs[id] = job
        return [.extract(job: id, worker: worker, photo: job.photo)]
    }

    mutating func finishExtraction(_ id: UInt64, _ outcome: ExtractionOutcome, now: CoordinatorTime) -> [CoordinatorDirective] {
        guard let job = jobs.removeValue(forKey: id) else { return [] }
        switch job.owner {
        case .caseRequest(let ticket):
            guard var outcomes = caseExtractions[ticket] else { return [] }
            outcomes[job.photoIndex] = outcome
            if outcomes.contains(where: { $0 == nil }) {
                caseExtractions[ticket] = outcomes
                return []
            }
            caseExtractions[ticket] = nil
            return [.caseFaces(ticket: ticket, outcomes.map { $0! })]
        case .sighting(let sightingID):
            guard var work = sightings[sightingID], case .extracting(let left) = work.state else { return [] }
            work.extracted[job.photoIndex] = outcome
            work.state = .extracting(photosLeft: left - 1)
            sightings[sightingID] = work
            return left == 1 ? photosExtracted(sightingID) : []
        }
    }

    /// Every photo of a sighting has answered. Its faces join the embeddings it
    /// came with and it is stored, unless:
    /// - a photo found no live worker: refused `UNAVAILABLE`, nothing stored,
    ///   so that an acknowledged sighting is always one that gets matched (the
    ///   client retries with the same request id once a worker is back);
    /// - no face is left anywhere: refused (`NO_FACE`, or the photo's own
    ///   error when it could not be read), nothing stored.
    /// A photo that could not be read beside others with faces is skipped (logged).
    mutating func photosExtracted(_ id: UInt64) -> [CoordinatorDirective] {
        guard var work = sightings[id] else { return [] }
        var failed: [(index: Int, outcome: ExtractionOutcome)] = []
        for index in work.extracted.keys.sorted() {
            if case .faces(let faces) = work.extracted[index]! { work.features.embeddings += faces } else { failed.append((index, work.extracted[index]!)) }
        }
        work.extracted = [:]
        let found = work.features.embeddings.count
        if found > policy.maxFacesPerSighting { work.features.embeddings.removeLast(found - policy.maxFacesPerSighting) }
        sightings[id] = work
        if failed.contains(where: { $0.outcome == .noLiveWorker || $0.outcome == .noExtractor }) {
            let refusal = Refusal(.unavailable, field: "faces", "no live worker could extract the photo's faces; nothing was stored, retry later",
                                  retryAfterMs: policy.noWorkerRetryAfterMs)
            return drop(work, reply: .refused(refusal), waitingReposts: refusal)
        }
        if work.features.embeddings.isEmpty {
            let refusal: Refusal = switch failed.first {
            case (let i, .tooLarge)?: Refusal(.photoTooLarge, field: "faces[\(i)]", "the image has too many pixels or bytes")
            case (let i, _)?: Refusal(.photoFormat, field: "faces[\(i)]", "the image is not a readable JPEG or PNG (truncated or corrupt)")
            case nil: Refusal(.noFace, field: "faces", "no face was found in the photo; nothing was stored (send a photo where a face is visible)")
            }
            return drop(work, reply: .refused(refusal), waitingReposts: refusal)
        }
        var directives = [store(id)]
        if found > policy.maxFacesPerSighting {
            directives.append(Self.log(.warning, "a sighting had more faces than a sighting keeps; the least confident were dropped",
                                       ["sighting": "\(id)", "faces": "\(found)", "kept": "\(policy.maxFacesPerSighting)"]))
        }
        if !failed.isEmpty {
            directives.append(Self.log(.warning, "some photos of a sighting could not be read; stored with the faces of the others",
                                       ["sighting": "\(id)", "photos": "\(failed.count)"]))
        }
        return directives
    }

    /// Jobs a dead worker held move to another worker.
    mutating func resendExtractions(from worker: WorkerID, now: CoordinatorTime) -> [CoordinatorDirective] {
        jobs.keys.sorted().filter { jobs[$0]!.worker == worker }.flatMap { sendExtraction($0, now: now) }
    }

    /// Jobs past their deadline move to another worker.
    mutating func expireExtractions(now: CoordinatorTime) -> [CoordinatorDirective] {
        jobs.keys.sorted().filter { now.monotonic.since(jobs[$0]!.startedAt) > policy.extractionTimeout }
            .flatMap { sendExtraction($0, now: now) }
    }
}

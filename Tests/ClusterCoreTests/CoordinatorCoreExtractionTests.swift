import Testing
@testable import ClusterCore

/// Face extraction by the workers: round robin, moves on a worker's death, a
/// missing model or a missed deadline, and gives up after the tries.
@Suite struct CoordinatorCoreExtractionTests {
    typealias H = CoreHarness

    @Test func photosGoRoundRobinOverLiveWorkers() {
        var h = H()
        h.ready("w1", "w2")
        let (_, out) = h.submit(H.submission(faces: 0, photos: [[1], [2], [3]], digest: [1], fingerprint: 1))
        #expect(H.extracts(out).map(\.worker) == ["w1", "w2", "w1"])
    }

    @Test func aWorkerWithoutTheFaceModelPassesTheJobOn() throws {
        var h = H()
        h.ready("w1", "w2")
        let (_, out) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [1], fingerprint: 1))
        let job = try #require(H.extracts(out).first)
        let moved = h.core.extracted(job: job.job, from: job.worker, .noExtractor, now: h.now)
        #expect(H.extracts(moved).map(\.worker) == [job.worker == "w1" ? "w2" : "w1"])
    }

    @Test func aDeadWorkersJobMovesAndItsLateAnswerIsIgnored() throws {
        var h = H()
        h.ready("w1", "w2")
        let (_, out) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [1], fingerprint: 1))
        let job = try #require(H.extracts(out).first)
        #expect(job.worker == "w1")
        let moved = h.core.workerLeft("w1", now: h.now)
        #expect(H.extracts(moved).map(\.worker) == ["w2"])
        #expect(h.core.extracted(job: job.job, from: "w1", .faces([[1, 0, 0, 0]]), now: h.now).isEmpty, "late: the job moved on")
        #expect(H.stores(h.core.extracted(job: job.job, from: "w2", .faces([[1, 0, 0, 0]]), now: h.now)).count == 1)
    }

    @Test func aMissedDeadlineMovesTheJobAndTheTriesAreCapped() throws {
        var policy = CoordinatorPolicy()
        policy.extractionTimeout = .seconds(20)
        policy.extractionTries = 3
        var h = H(policy: policy)
        h.ready("w1", "w2")
        let (ticket, out) = h.submit(H.submission(faces: 1, photos: [[1]], digest: [1], fingerprint: 1))
        #expect(H.extracts(out).count == 1)
        var workers: [WorkerID] = H.extracts(out).map(\.worker)
        var after: [CoordinatorDirective] = []
        for _ in 0..<3 {
            // Keep both workers alive: heartbeats, then past the deadline.
            for step in 0..<21 {
                h.advance(ms: 1_000)
                _ = h.core.workerHeard("w1", now: h.now)
                _ = h.core.workerHeard("w2", now: h.now)
                if step < 19 { continue }
                let ticked = h.core.tick(now: h.now)
                workers += H.extracts(ticked).map(\.worker)
                after += ticked
            }
        }
        #expect(workers == ["w1", "w2", "w1"], "three tries, each on the other worker")
        // Issue 12 item 9: never acknowledged without being matchable; the client retries later.
        #expect(H.refusal(H.reply(after, to: ticket)) == .unavailable)
        #expect(H.stores(after).isEmpty && h.core.sightings.isEmpty && !h.core.knowsPhoto([1]))
    }

    @Test func aPhotoLeftWithoutAWorkerIsRefusedAndExtractedWhenSentAgain() throws {
        var h = H()
        h.ready("w1")
        let (ticket, out) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [2], fingerprint: 7))
        let (repostTicket, _) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [2]))
        let died = h.core.workerLeft("w1", now: h.now)
        #expect(H.extracts(out).count == 1)
        #expect(H.refusal(H.reply(died, to: ticket)) == .unavailable)
        #expect(H.refusal(H.reply(died, to: repostTicket)) == .unavailable)
        #expect(H.stores(died).isEmpty)
        h.ready("w2")
        let again = h.submit(H.submission(faces: 0, photos: [[1]], digest: [2], fingerprint: 7))
        let job = try #require(H.extracts(again.directives).first)
        #expect(job.worker == "w2", "an original again: its photo's claim was released")
        #expect(H.stores(h.core.extracted(job: job.job, from: "w2", .faces([[1, 0, 0, 0]]), now: h.now)).count == 1)
    }

    /// Issue 12 item 1: a sighting with no face anywhere is refused at once, nothing stored.
    @Test(arguments: [
        ([ExtractionOutcome.faces([])], Refusal.Code.noFace),
        ([.faces([]), .faces([])], .noFace),
        ([.unreadable], .photoFormat),
        ([.tooLarge, .faces([])], .photoTooLarge),
    ])
    func noFaceAnywhereIsRefusedWithNothingStored(outcomes: [ExtractionOutcome], code: Refusal.Code) throws {
        var h = H()
        h.ready("w1")
        let (ticket, out) = h.submit(H.submission(faces: 0, photos: outcomes.map { _ in [1] }, digest: [3], fingerprint: 9))
        let (repostTicket, _) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [3]))
        var last: [CoordinatorDirective] = []
        for (job, outcome) in zip(H.extracts(out), outcomes) { last += h.core.extracted(job: job.job, from: "w1", outcome, now: h.now) }
        #expect(H.refusal(H.reply(last, to: ticket)) == code)
        #expect(H.refusal(H.reply(last, to: repostTicket)) == code, "a repost of a photo of no one has no face either")
        #expect(H.stores(last).isEmpty && h.core.sightings.isEmpty)
    }

    @Test func aPhotoOfNoOneBesideSentEmbeddingsIsStoredWithThem() throws {
        var h = H()
        h.ready("w1")
        let (_, out) = h.submit(H.submission(faces: 2, photos: [[1]], digest: [3], fingerprint: 9))
        let job = try #require(H.extracts(out).first)
        #expect(H.stores(h.core.extracted(job: job.job, from: "w1", .faces([]), now: h.now)).first?.faces.count == 2)
    }

    @Test func unreadablePhotoStillStoresTheSightingWithTheOtherFacesAndLogs() throws {
        var h = H()
        h.ready("w1")
        let (_, out) = h.submit(H.submission(faces: 0, photos: [[1], [2]], digest: [1], fingerprint: 1))
        let jobs = H.extracts(out)
        #expect(jobs.count == 2)
        #expect(h.core.extracted(job: jobs[0].job, from: "w1", .unreadable, now: h.now).isEmpty)
        let done = h.core.extracted(job: jobs[1].job, from: "w1", .faces([[1, 0, 0, 0]]), now: h.now)
        #expect(H.stores(done).first?.faces.count == 1)
        #expect(done.contains { if case .log(let l) = $0 { l.level == .warning } else { false } })
    }

    @Test func casePhotosAreAnsweredInTheirOrder() throws {
        var h = H()
        h.ready("w1", "w2")
        let out = h.core.extractCasePhotos([[1], [2]], ticket: 77, now: h.now)
        let jobs = H.extracts(out)
        #expect(h.core.extracted(job: jobs[1].job, from: jobs[1].worker, .tooLarge, now: h.now).isEmpty)
        let done = h.core.extracted(job: jobs[0].job, from: jobs[0].worker, .faces([[1, 0, 0, 0]]), now: h.now)
        guard case .caseFaces(77, let outcomes)? = done.first else {
            Issue.record("no case faces: \(done)")
            return
        }
        #expect(outcomes == [.faces([[1, 0, 0, 0]]), .tooLarge])
    }

    @Test(arguments: [[[UInt8]](), [[1]]])
    func casePhotosWithNoWorkerOrNoPhotosAreAnsweredAtOnce(photos: [[UInt8]]) {
        var h = H()
        let out = h.core.extractCasePhotos(photos, ticket: 5, now: h.now)
        guard case .caseFaces(5, let outcomes)? = out.first else {
            Issue.record("expected case faces at once: \(out)")
            return
        }
        #expect(outcomes == photos.map { _ in .noLiveWorker })
    }
}

import Testing
@testable import ClusterCore

/// Every path a sighting submission takes through intake, as events and directives.
@Suite struct CoordinatorCoreIntakeTests {
    typealias H = CoreHarness

    @Test(arguments: [(faces: 1, matched: false), (faces: 3, matched: false), (faces: 0, matched: true)])
    func embeddingsAreStoredThenAcknowledged(faces: Int, matched: Bool) throws {
        var h = H()
        let (ticket, first) = h.submit(H.submission(faces: faces))
        let store = try #require(H.stores(first).first)
        #expect(store.faces.count == faces)
        #expect(store.matched == matched, "a sighting with nothing to match is stored as matched")
        #expect(H.replies(first).isEmpty, "no reply before the store has written it")
        #expect(h.state(store.id) == .storing)
        let after = h.core.sightingStored(store.id, now: h.now)
        #expect(H.reply(after, to: ticket) == .accepted(sightingID: store.id, repostOf: nil, faces: faces))
        #expect(h.state(store.id) == (matched ? nil : .remembering), "joins the step-10 engine before it is matched")
        #expect(after.contains { if case .rememberForNewCases = $0 { true } else { false } } == !matched)
        if !matched {
            #expect(h.core.remembered(store.id, now: h.now).isEmpty)
            #expect(h.state(store.id) == .queued, "no live worker: it waits in the queue")
        }
        #expect(h.core.counters.sightings == 1)
    }

    @Test func photoOriginalIsClaimedThenExtractedThenStored() throws {
        var h = H()
        h.ready("w1")
        let (ticket, first) = h.submit(H.submission(faces: 1, photos: [[1, 2, 3]], digest: [9], fingerprint: 0b1010))
        let job = try #require(H.extracts(first).first)
        #expect(job.worker == "w1")
        #expect(H.stores(first).isEmpty)
        #expect(h.core.knowsPhoto([9]), "claimed before any face work")
        let id = try #require(h.core.sightings.keys.first)
        #expect(h.state(id) == .extracting(photosLeft: 1))
        let extracted = h.core.extracted(job: job.job, from: "w1", .faces([[0, 0, 1, 0], [0, 0, 0, 1]]), now: h.now)
        let store = try #require(H.stores(extracted).first)
        #expect(store.faces.count == 3, "the sent embedding and both faces of the photo")
        let after = h.core.sightingStored(id, now: h.now)
        #expect(H.reply(after, to: ticket) == .accepted(sightingID: id, repostOf: nil, faces: 3))
    }

    @Test func byteIdenticalRepostOfAStoredOriginalIsStoredAtOnceAndNeverMatched() throws {
        var h = H()
        h.ready("w1")
        let original = h.accept(H.submission(faces: 1, digest: [7]))
        let (ticket, first) = h.submit(H.submission(faces: 1, digest: [7]))
        let store = try #require(H.stores(first).first)
        #expect(store.repostOf == original.id)
        #expect(store.faces.isEmpty && !store.matched)
        let after = h.core.sightingStored(store.id, now: h.now)
        #expect(H.reply(after, to: ticket) == .accepted(sightingID: store.id, repostOf: original.id, faces: 0))
        #expect(H.sends(after).isEmpty)
        #expect(h.core.counters.reposts == 1)
        #expect(h.core.sightings[store.id] == nil)
    }

    @Test(arguments: [(bits: UInt64(0b1111_0000), repost: true), (bits: UInt64(0b1111_1111_1111), repost: false)])
    func perceptualRepostWithinTheDistanceOnly(bits: UInt64, repost: Bool) throws {
        var h = H()
        h.ready("w1")
        let first = h.submit(H.submission(faces: 0, photos: [[1]], digest: [1], fingerprint: 0b1111_0001))
        let job = try #require(H.extracts(first.directives).first)
        let extracted = h.core.extracted(job: job.job, from: "w1", .faces([[1, 0, 0, 0]]), now: h.now)
        let originalID = try #require(H.stores(h.storeAll(extracted)).first?.id)
        let (_, second) = h.submit(H.submission(faces: 0, photos: [[2]], digest: [2], fingerprint: bits))
        if repost {
            #expect(H.stores(second).first?.repostOf == originalID)
            #expect(h.core.knowsPhoto([2]), "the repost's bytes are answered from their digest next time")
        } else {
            #expect(H.extracts(second).count == 1, "far from every original: a new original")
        }
    }

    @Test func repostOfAnOriginalStillBeingExtractedWaitsForItsStore() throws {
        var h = H()
        h.ready("w1")
        let (originalTicket, first) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [5], fingerprint: 1))
        let job = try #require(H.extracts(first).first)
        let (repostTicket, waiting) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [5]))
        #expect(waiting.isEmpty, "a repost row must never point at nothing")
        let repostID = try #require(h.core.sightings.values.first { $0.repostOf != nil }?.id)
        #expect(h.state(repostID) == .awaitingOriginal(1))
        let extracted = h.core.extracted(job: job.job, from: "w1", .faces([[1, 0, 0, 0]]), now: h.now)
        #expect(H.stores(extracted).map(\.id) == [1])
        let stored = h.core.sightingStored(1, now: h.now)
        #expect(H.reply(stored, to: originalTicket) != nil)
        let repostStore = try #require(H.stores(stored).first)
        #expect(repostStore.id == repostID && repostStore.repostOf == 1)
        #expect(H.reply(h.core.sightingStored(repostID, now: h.now), to: repostTicket) == .accepted(sightingID: repostID, repostOf: 1, faces: 0))
    }

    @Test func repostOfAnOriginalStillBeingStoredWaitsToo() throws {
        var h = H()
        let (_, first) = h.submit(H.submission(faces: 1, digest: [8]))
        let originalID = try #require(H.stores(first).first?.id)
        let (_, waiting) = h.submit(H.submission(faces: 1, digest: [8]))
        #expect(H.stores(waiting).isEmpty)
        #expect(H.stores(h.core.sightingStored(originalID, now: h.now)).first?.repostOf == originalID)
    }

    @Test func retryOfAStoredRequestIDGetsTheFirstReplyAndReleasesTheClaim() throws {
        var h = H()
        let (ticket, first) = h.submit(H.submission(faces: 1, digest: [3], requestID: "r-1"))
        let id = try #require(H.stores(first).first?.id)
        let out = h.core.sightingStoredEarlier(id, reply: [42])
        #expect(H.reply(out, to: ticket) == .earlier([42]))
        #expect(h.core.sightings.isEmpty && h.core.queue.isEmpty, "nothing matched twice")
        #expect(!h.core.knowsPhoto([3]))
        #expect(h.core.counters.sightings == 0)
    }

    @Test func duplicateRequestIDInProgressJoinsTheFirstAndIsStoredOnce() throws {
        var h = H()
        let (a, first) = h.submit(H.submission(faces: 1, requestID: "same"))
        let (b, second) = h.submit(H.submission(faces: 1, requestID: "same"))
        #expect(second.isEmpty)
        let id = try #require(H.stores(first).first?.id)
        let after = h.core.sightingStored(id, now: h.now)
        #expect(H.reply(after, to: a) == H.reply(after, to: b))
        #expect(H.acceptedID(H.reply(after, to: b)) == id)
        // Once answered, the id is free again: a later retry goes to the store (which answers it from there).
        #expect(H.stores(h.submit(H.submission(faces: 1, requestID: "same")).directives).count == 1)
    }

    @Test func storeFailureRefusesTheSubmitterAndItsWaitingRepostsAndReleasesTheClaim() throws {
        var h = H()
        let (ticket, first) = h.submit(H.submission(faces: 1, digest: [4], fingerprint: 0xF0))
        let id = try #require(H.stores(first).first?.id)
        let (repostTicket, _) = h.submit(H.submission(faces: 1, digest: [4]))
        let out = h.core.sightingNotStored(id, error: "disk full")
        #expect(H.refusal(H.reply(out, to: ticket)) == .internalError)
        #expect(H.refusal(H.reply(out, to: repostTicket)) == .internalError)
        #expect(h.core.sightings.isEmpty)
        #expect(!h.core.knowsPhoto([4]))
        // A near-duplicate of the refused photo is no repost of it: it is an original now.
        #expect(H.stores(h.submit(H.submission(faces: 1, fingerprint: 0xF1)).directives).first?.repostOf == nil)
    }

    /// The photo kept for review goes to the store with the sighting, and the
    /// sighting waiting to be matched no longer holds its bytes.
    @Test func theKeptPhotoGoesWithTheStoreAndIsNotHeldWhileMatching() throws {
        var h = H()
        h.ready("w1", "w2")
        var s = H.submission(faces: 1, digest: [30])
        s.draft.photo = [0xFF, 0xD8, 1, 2]
        let (_, first) = h.submit(s)
        let store = try #require(H.stores(first).first)
        #expect(store.draft.photo == [0xFF, 0xD8, 1, 2])
        _ = h.core.sightingStored(store.id, now: h.now)
        let work = try #require(h.core.sightings[store.id])
        #expect(work.draft.photo == nil)
    }

    /// Found by the photo-surge load test: a near-duplicate whose nearest
    /// original was dropped (never stored) is a repost of the next nearest
    /// stored original, not a new original extracted again.
    @Test func aNearDuplicateOfADroppedOriginalFindsTheNextStoredOriginal() throws {
        var h = H()
        let (_, pending) = h.submit(H.submission(faces: 1, digest: [10], fingerprint: 0b1))
        let dropped = try #require(H.stores(pending).first?.id)
        // Stored: 4 bits from the next photo, 5 from the dropped one.
        let stored = try #require(h.accept(H.submission(faces: 1, digest: [11], fingerprint: 0b11110)).id)
        _ = h.core.sightingNotStored(dropped, error: "disk full")
        let next = try #require(H.stores(h.submit(H.submission(faces: 1, digest: [12], fingerprint: 0)).directives).first)
        #expect(next.repostOf == stored)
    }

    /// Found by the photo-surge load test: the bytes of a repost of an original
    /// that is then dropped are forgotten with it; sent again they are never
    /// stored as a repost of a sighting that does not exist.
    @Test func aCopyOfARepostOfADroppedOriginalIsNoRepostOfIt() throws {
        var h = H()
        let (_, pending) = h.submit(H.submission(faces: 1, digest: [20], fingerprint: 0xF0))
        let dropped = try #require(H.stores(pending).first?.id)
        let (repostTicket, waiting) = h.submit(H.submission(faces: 1, digest: [21], fingerprint: 0xF1))
        #expect(waiting.isEmpty, "a near-duplicate of an original being stored waits for it")
        let out = h.core.sightingNotStored(dropped, error: "disk full")
        #expect(H.refusal(H.reply(out, to: repostTicket)) == .internalError)
        #expect(!h.core.knowsPhoto([21]))
        let again = try #require(H.stores(h.submit(H.submission(faces: 1, digest: [21], fingerprint: 0xF1)).directives).first)
        #expect(again.repostOf == nil)
    }

    @Test func photoWithNoLiveWorkerIsRefusedBeforeAnythingIsClaimed() {
        var h = H()
        let (ticket, out) = h.submit(H.submission(faces: 0, photos: [[1]], digest: [6], fingerprint: 3))
        #expect(H.refusal(H.reply(out, to: ticket)) == .unavailable)
        #expect(!h.core.knowsPhoto([6]) && h.core.sightings.isEmpty)
    }

    @Test func sightingIDsAreGivenOnlyToWhatIsTaken() throws {
        var policy = CoordinatorPolicy()
        policy.bulkQueueLimit = 1
        var h = H(policy: policy)
        #expect(h.accept(H.submission()).id == 1)
        #expect(H.refusal(H.reply(h.submit(H.submission()).directives, to: 2)) == .retryLater)
        let registered = h.ready("w1")
        _ = h.serveAll(registered)
        #expect(h.core.queue.isEmpty)
        #expect(h.accept(H.submission()).id == 2)
    }
}

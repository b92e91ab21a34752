import GeoIndex
import Testing
@testable import ClusterCore

/// Back-pressure: the match queue's limits (bulk, urgent), decided before
/// anything is stored; reposts always pass.
@Suite struct CoordinatorCoreSheddingTests {
    typealias H = CoreHarness

    static func smallQueues() -> CoordinatorPolicy {
        var p = CoordinatorPolicy()
        p.bulkQueueLimit = 2
        p.urgentQueueLimit = 3
        return p
    }

    @Test func bulkIsRefusedOnceTheBulkLimitWaitsWithTheConfiguredWait() throws {
        var h = H(policy: Self.smallQueues())
        _ = h.accept(H.submission())
        _ = h.accept(H.submission())
        let (ticket, out) = h.submit(H.submission())
        guard case .refused(let r)? = H.reply(out, to: ticket) else {
            Issue.record("not refused: \(out)")
            return
        }
        #expect(r.code == .retryLater && r.retryAfterMs == 200)
        #expect(H.stores(out).isEmpty && h.core.sightings.count == 2, "nothing stored for a refused submission")
        #expect(h.core.counters.retryLater == 1)
    }

    @Test func urgentWorkPassesTheBulkLimitUpToItsOwn() {
        var h = H(policy: Self.smallQueues())
        h.addCase(at: H.beijing, shard: "north", hoursAgo: 1)   // fresh: Beijing sightings are urgent
        _ = h.accept(H.submission(at: H.guangzhou))
        _ = h.accept(H.submission(at: H.guangzhou))
        #expect(H.refusal(H.reply(h.submit(H.submission(at: H.guangzhou)).directives, to: 3)) == .retryLater)
        #expect(H.acceptedID(H.reply(h.accept(H.submission(at: H.beijing)).directives, to: 4)) != nil)
        #expect(h.core.queue.urgentCount == 1)
        #expect(H.refusal(H.reply(h.submit(H.submission(at: H.beijing)).directives, to: 5)) == .retryLater, "past the urgent limit")
    }

    @Test func repostsPassAFullQueue() throws {
        var h = H(policy: Self.smallQueues())
        let original = h.accept(H.submission(digest: [1]))
        _ = h.accept(H.submission())
        let repost = h.accept(H.submission(digest: [1]))
        #expect(H.reply(repost.directives, to: repost.ticket) == .accepted(sightingID: 3, repostOf: original.id, faces: 0))
    }

    @Test func recoveredWorkIsQueuedPastTheLimits() {
        var h = H(policy: Self.smallQueues())
        let recovered = (1...5).map { id in
            RecoveredSighting<UInt64>(features: .init(id: UInt64(id), observedAt: H.t0, location: H.beijing, embeddings: [[1, 0, 0, 0]]),
                                      province: "110000", digest: nil, fingerprint: nil, done: false)
        }
        _ = h.core.recover(cases: [], sightings: recovered, maxCaseID: 0, maxSightingID: 5, now: h.now)
        #expect(h.core.queue.count == 5, "acknowledged work is never dropped")
    }
}

/// The intake shell's admission when every slot is busy (pure: `IntakeAdmission`).
@Suite struct CoordinatorCoreIntakeAdmissionTests {
    let admission = IntakeAdmission(capacity: 2)

    @Test(arguments: [
        (IntakeAdmission.Kind.other, 1, IntakeAdmission.Decision.admit),
        (.sighting(nearFreshCase: false), 1, .admit),
        (.other, 2, .admitOverCapacity),
        (.other, 50, .admitOverCapacity),
        (.sighting(nearFreshCase: true), 2, .admitOverCapacity),
        (.sighting(nearFreshCase: true), 3, .admitOverCapacity),
        (.sighting(nearFreshCase: true), 4, .refuse(retryAfterMs: 250)),
        (.sighting(nearFreshCase: false), 2, .refuse(retryAfterMs: 250)),
    ])
    func decidesByKindAndSlotsInUse(kind: IntakeAdmission.Kind, inUse: Int, expected: IntakeAdmission.Decision) {
        #expect(admission.decide(kind, inUse: inUse, streak: 0, jitter: 1) == expected)
    }

    @Test(arguments: [(streak: 0, base: 250), (streak: 1, base: 250), (streak: 2, base: 500), (streak: 15, base: 2_000), (streak: 1_000, base: 4_000)])
    func waitGrowsWithTheStreakUpToFourSeconds(streak: Int, base: UInt32) {
        #expect(admission.retryAfterMs(streak: streak, jitter: 1) == base)
    }

    @Test(arguments: [(0.75, 187), (1.25, 312), (0.1, 187), (9.0, 312)])
    func jitterIsWithinAQuarterEitherWay(jitter: Double, expected: UInt32) {
        #expect(admission.retryAfterMs(streak: 0, jitter: jitter) == expected)
    }

    /// The fresh-case hint: a submission within a fresh case's reach counts as near.
    @Test func nearnessIsTheFreshCaseReach() {
        let t = CoreHarness.t0
        var fresh = ReachIndex<UInt32>(tiers: .default, now: t)
        fresh.insert(id: 1, lastSeen: CoreHarness.chengdu, missingSince: t - 20 * 60, payload: 0)   // 20 min: 100 km
        func near(_ km: Double) -> Bool {
            let p = GeoPoint(latitude: CoreHarness.chengdu.latitude + km / 111.195, longitude: CoreHarness.chengdu.longitude)   // due north
            return !fresh.cases(reaching: p, at: t).isEmpty
        }
        #expect(near(40))
        #expect(!near(150))
    }
}

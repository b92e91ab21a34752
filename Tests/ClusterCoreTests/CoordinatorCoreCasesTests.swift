import MatchEngine
import Testing
@testable import ClusterCore

/// Cases (routing, updates to replicas, closures, step 10) and restart recovery.
@Suite struct CoordinatorCoreCasesTests {
    typealias H = CoreHarness

    static func updates(_ ds: [CoordinatorDirective]) -> [(shard: UInt32, change: CoordinatorDirective.ShardChange, to: [WorkerID])] {
        ds.compactMap { if case .updateShard(let s, let c, let to) = $0 { (s, c, to) } else { nil } }
    }

    @Test func aNewCaseGoesToTheSyncedReplicasOfItsShardOnly() throws {
        var h = H()
        h.ready("w1")
        let map = h.core.shardMap
        let entry = CaseEntry(features: CaseFeatures(id: 1, embeddings: [[1, 0, 0, 0]], sex: .unknown, birthDate: 0, missingSince: H.t0 - 3_600,
                                                     lastSeen: H.chengdu, marks: MarkSet()), province: "510000", shard: map.index(of: "west"))
        #expect(Self.updates(h.core.caseRegistered(entry, now: h.now)).first?.to == [], "w1 holds no copy of west")
        h.ready("w2")
        var north = entry
        north.features.id = 2
        north.shard = map.index(of: "north")
        #expect(Self.updates(h.core.caseRegistered(north, now: h.now)).first?.to == ["w1", "w2"])
    }

    @Test(arguments: [(province: Optional("440000"), topic: "440000"), (province: nil, topic: NationalTopic.code)])
    func closingACaseRemovesItEverywhereAndTellsItsDesk(province: String?, topic: String) throws {
        var h = H()
        h.ready("w1", "w2")
        let entry = CaseEntry(features: CaseFeatures(id: h.core.allocateCaseID(), embeddings: [[1, 0, 0, 0]], sex: .unknown, birthDate: 0,
                                                     missingSince: H.t0 - 3_600, lastSeen: H.guangzhou, marks: MarkSet()),
                              province: province, shard: h.core.shardMap.index(of: "south"))
        _ = h.core.caseRegistered(entry, now: h.now)
        let out = h.core.caseClosed(entry.features.id, found: true, now: h.now)
        #expect(Self.updates(out).first?.change == .remove(caseID: entry.features.id))
        #expect(H.records(out).first?.closures == [.init(caseID: entry.features.id, found: true, closedAt: H.t0, topic: topic)])
        #expect(h.core.caseClosed(entry.features.id, found: true, now: h.now).isEmpty, "closed once")
        #expect(h.core.counters.closedCases == 1)
        // No longer routed to: a sighting there reaches no shard.
        let accepted = h.accept(H.submission(at: H.guangzhou))
        #expect(h.core.sightings[accepted.id!]?.shards.isEmpty ?? true)
    }

    @Test func stepTenAlertsForANewCaseAreRecordedEachOnItsOwn() throws {
        var h = H()
        let caseID = h.addCase(at: H.beijing, shard: "north", hoursAgo: 48)
        let entry = try #require(h.core.cases[caseID])
        let sightings = [UInt64(5), 9].map { SightingFeatures(id: $0, observedAt: H.t0, location: H.beijing, embeddings: [[1, 0, 0, 0]]) }
        let found = sightings.map { (candidate: H.candidate(case: caseID, sighting: $0.id), sighting: $0, province: Optional("110000")) }
        let record = try #require(H.records(h.core.newCaseMatched(entry, found: found)).first)
        #expect(record.alerts.map(\.decision.rank) == [1, 1])
        #expect(record.matched.isEmpty, "the sightings were matched already")
        _ = h.core.caseClosed(caseID, found: false, now: h.now)
        #expect(h.core.newCaseMatched(entry, found: found).isEmpty, "closed meanwhile: no alert")
    }

    @Test func freshCasesMakeWorkUrgentUntilTheyAgeOut() throws {
        var h = H()
        h.addCase(at: H.beijing, shard: "north", hoursAgo: 23)
        let first = try #require(h.accept(H.submission()).id)
        #expect(h.core.sightings[first]?.priority == .urgent)
        h.advance(ms: 2 * 3_600_000)
        _ = h.core.tick(now: h.now)
        let later = try #require(h.accept(H.submission(observedAt: H.t0 + 7_200)).id)
        #expect(h.core.sightings[later]?.priority == .bulk)
    }

    @Test func casesOfUnlimitedReachDrawEverySightingToTheirShard() throws {
        var h = H()
        h.addCase(at: H.chengdu, shard: "west", hoursAgo: 24 * 30)   // a month: past the last tier
        let id = try #require(h.accept(H.submission(at: H.beijing)).id)
        #expect(h.core.sightings[id]?.shards == [h.core.shardMap.index(of: "west")])
    }

    @Test func recoveryRequeuesWhatWasNotMatchedAndRestoresPhotoClaims() throws {
        var h = H()
        func recovered(_ id: UInt64, done: Bool, digest: [UInt8]? = nil, fingerprint: UInt64? = nil, faces: Int = 1) -> RecoveredSighting<UInt64> {
            RecoveredSighting(features: SightingFeatures(id: id, observedAt: H.t0, location: H.beijing,
                                                         embeddings: Array(repeating: [1, 0, 0, 0], count: faces)),
                              province: "110000", digest: digest, fingerprint: fingerprint, done: done)
        }
        let entry = CaseEntry(features: CaseFeatures(id: 4, embeddings: [[1, 0, 0, 0]], sex: .unknown, birthDate: 0,
                                                     missingSince: H.t0 - 48 * 3_600, lastSeen: H.beijing, marks: MarkSet()),
                              province: "110000", shard: 0)
        let out = h.core.recover(cases: [entry], sightings: [recovered(3, done: true, digest: [3], fingerprint: 0xFF00), recovered(7, done: false)],
                                 maxCaseID: 4, maxSightingID: 8, now: h.now)
        #expect(out.filter { if case .rememberForNewCases = $0 { true } else { false } }.count == 2, "both join step 10")
        #expect(h.core.queue.count == 1)
        #expect(h.state(7) == .queued && h.state(3) == nil)
        #expect(h.core.sightings[7]?.shards == [0], "routed by the recovered case")
        // Claims survive the restart: the same bytes or a near-duplicate are reposts of 3.
        #expect(H.stores(h.submit(H.submission(digest: [3])).directives).first?.repostOf == 3)
        #expect(H.stores(h.submit(H.submission(fingerprint: 0xFF01)).directives).first?.repostOf == 3)
        // Ids continue after the stored ones.
        #expect(H.stores(h.submit(H.submission()).directives).first?.id == 11)
        #expect(h.core.allocateCaseID() == 5)
        // And the requeued sighting is matched once a worker is back.
        #expect(H.sends(h.ready("w1")).first?.sightings.map(\.id) == [7])
    }
}

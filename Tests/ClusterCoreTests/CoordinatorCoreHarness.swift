import GeoIndex
import MatchEngine
@testable import ClusterCore

/// A perceptual index for tests: a 64-bit "hash", near when within 4 bits.
struct NearBits: NearDuplicateIndex {
    var originals: [(bits: UInt64, id: UInt64)] = []

    func original(of fingerprint: UInt64) -> UInt64? {
        originals.first { ($0.bits ^ fingerprint).nonzeroBitCount <= 4 }?.id
    }

    mutating func register(_ fingerprint: UInt64, sightingID: UInt64) {
        if original(of: fingerprint) == nil { originals.append((fingerprint, sightingID)) }
    }

    mutating func forget(_ fingerprint: UInt64, sightingID: UInt64) {
        originals.removeAll { $0 == (fingerprint, sightingID) }
    }
}

/// Drives a `CoordinatorCore` by hand, the way `EmbeddedChannel` drives a NIO
/// handler: events in with an injected clock, directives collected and
/// inspected, no sockets, no store.
struct CoreHarness {
    typealias Core = CoordinatorCore<NearBits>
    typealias D = CoordinatorDirective

    static let t0: Int64 = 1_796_000_000
    static let beijing = GeoPoint(latitude: 39.9075, longitude: 116.39723)       // north: w1, w2
    static let guangzhou = GeoPoint(latitude: 23.11667, longitude: 113.25)      // south: w2, w1
    static let chengdu = GeoPoint(latitude: 30.66667, longitude: 104.06667)     // west: w2 only
    static let province: [String: String] = ["north": "110000", "south": "440000", "west": "510000"]

    var core: Core
    var elapsedMs: UInt64 = 0
    var nextTicket: UInt64 = 1
    var nextCase: UInt64 = 1

    init(policy: CoordinatorPolicy = CoordinatorPolicy()) {
        let map = try! ShardMapTests.twoWorkerMap()
        core = Core(shardMap: map, matchConfig: MatchConfig(dimension: 4), policy: policy, heartbeat: Membership.Timing(),
                    photos: NearBits(), now: CoordinatorTime(unixSeconds: Self.t0, monotonic: .seconds(0)))
    }

    var now: CoordinatorTime {
        CoordinatorTime(unixSeconds: Self.t0 + Int64(elapsedMs / 1_000), monotonic: .milliseconds(elapsedMs))
    }

    mutating func advance(ms: UInt64) { elapsedMs += ms }

    // MARK: events

    /// Registers workers (READY) and returns what that produced.
    @discardableResult
    mutating func ready(_ workers: WorkerID...) -> [D] { workers.flatMap { core.workerReady($0, now: now) } }

    /// Adds an open case last seen at `point`, missing `hoursAgo` hours.
    @discardableResult
    mutating func addCase(at point: GeoPoint, shard: ShardID, hoursAgo: Double) -> UInt64 {
        let id = core.allocateCaseID()
        let features = CaseFeatures(id: id, embeddings: [[1, 0, 0, 0]], sex: .unknown, birthDate: Self.t0 - 10 * 365 * 86_400,
                                    missingSince: now.unixSeconds - Int64(hoursAgo * 3_600), lastSeen: point, marks: MarkSet())
        let entry = CaseEntry(features: features, province: Self.province[shard.rawValue], shard: core.shardMap.index(of: shard))
        _ = core.caseRegistered(entry, now: now)
        return id
    }

    static func submission(at point: GeoPoint = beijing, faces: Int = 1, photos: [[UInt8]] = [], digest: [UInt8]? = nil,
                           fingerprint: UInt64? = nil, requestID: String = "", province: String? = "110000",
                           observedAt: Int64 = t0) -> SightingSubmission<UInt64> {
        let draft = SightingDraft(observedAt: observedAt, latitude: point.latitude, longitude: point.longitude, province: province,
                                  sex: 0, ageRange: nil, marks: [], submitter: "test", receivedAt: t0, photoSHA256: digest)
        let features = SightingFeatures(id: 0, observedAt: observedAt, location: point,
                                        embeddings: Array(repeating: [0, 1, 0, 0], count: faces))
        return SightingSubmission(requestID: requestID, draft: draft, features: features,
                                  photos: photos.enumerated().map { .init(index: $0.offset, bytes: $0.element) },
                                  digest: digest, fingerprint: fingerprint)
    }

    /// Submits; returns the ticket and the directives.
    mutating func submit(_ s: SightingSubmission<UInt64>) -> (ticket: UInt64, directives: [D]) {
        let ticket = nextTicket
        nextTicket += 1
        return (ticket, core.submitSighting(s, ticket: ticket, now: now))
    }

    /// Carries out every store (and step-10 engine) directive as a success, and those they lead to.
    mutating func storeAll(_ directives: [D]) -> [D] {
        var out = directives
        var i = 0
        while i < out.count {
            switch out[i] {
            case .storeSighting(let s): out += core.sightingStored(s.id, now: now)
            case .rememberForNewCases(let f): out += core.remembered(f.id, now: now)
            default: break
            }
            i += 1
        }
        return out
    }

    /// Submits and stores; returns the ticket, the sighting id and everything produced.
    mutating func accept(_ s: SightingSubmission<UInt64>) -> (ticket: UInt64, id: UInt64?, directives: [D]) {
        let (ticket, first) = submit(s)
        let all = storeAll(first)
        return (ticket, Self.stores(all).first?.id, all)
    }

    /// Answers every shard a match request asked of a worker, with these candidates.
    mutating func answer(_ send: D.MatchSend, candidates: [MatchCandidate] = []) -> [D] {
        let parts = Dictionary(uniqueKeysWithValues: send.shards.compactMap(core.shardMap.shard(at:)).enumerated()
            .map { ($0.element, $0.offset == 0 ? candidates : []) })
        return core.matchReplied(send.requestID, from: send.worker, parts: parts, now: now)
    }

    /// Answers every send in `directives` (and those they lead to), recording each batch as stored.
    mutating func serveAll(_ directives: [D], candidates: (D.MatchSend) -> [MatchCandidate] = { _ in [] }) -> [D] {
        var out = directives
        var i = 0
        while i < out.count {
            switch out[i] {
            case .sendMatch(let send): out += answer(send, candidates: candidates(send))
            case .record(let p): out += core.recorded(batch: p.batch, newAlerts: p.alerts.count, now: now)
            default: break
            }
            i += 1
        }
        return out
    }

    // MARK: reading directives

    static func replies(_ ds: [D]) -> [(ticket: UInt64, reply: SightingReply)] {
        ds.compactMap { if case .reply(let t, let r) = $0 { (t, r) } else { nil } }
    }
    static func reply(_ ds: [D], to ticket: UInt64) -> SightingReply? { replies(ds).first { $0.ticket == ticket }?.reply }
    static func stores(_ ds: [D]) -> [D.StoreSighting] { ds.compactMap { if case .storeSighting(let s) = $0 { s } else { nil } } }
    static func sends(_ ds: [D]) -> [D.MatchSend] { ds.compactMap { if case .sendMatch(let s) = $0 { s } else { nil } } }
    static func records(_ ds: [D]) -> [D.Publications] { ds.compactMap { if case .record(let p) = $0 { p } else { nil } } }
    static func extracts(_ ds: [D]) -> [(job: UInt64, worker: WorkerID)] {
        ds.compactMap { if case .extract(let j, let w, _) = $0 { (j, w) } else { nil } }
    }
    static func failures(_ ds: [D]) -> [(id: UInt64, reason: String)] {
        ds.compactMap { if case .markFailed(let id, let r) = $0 { (id, r) } else { nil } }
    }
    static func refusal(_ r: SightingReply?) -> Refusal.Code? { if case .refused(let x)? = r { x.code } else { nil } }
    static func acceptedID(_ r: SightingReply?) -> UInt64? { if case .accepted(let id, _, _)? = r { id } else { nil } }

    func state(_ id: UInt64) -> SightingState? { core.sightings[id]?.state }

    static func candidate(case caseID: UInt64, sighting: UInt64, score: Double = 0.95) -> MatchCandidate {
        MatchCandidate(caseID: caseID, sightingID: sighting, score: score, face: Float(score), marks: 0, elapsed: 3_600, tier: .review)
    }
}

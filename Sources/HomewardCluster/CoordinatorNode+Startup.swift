import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardStore
import MatchEngine
import PhotoPipeline

extension CoordinatorNode {
    /// Loads the durable state: open cases into the routing index, stored
    /// sightings for step 10, photo digests for reposts, and every sighting that
    /// was acknowledged but not fully matched back into the queue.
    public func recover() async throws {
        let durable = try await store.read { db in try DurableState(CoordinatorStore(db)) }
        let cases = durable.cases, originals = durable.originals
        nextCaseID = durable.maxCaseID + 1
        nextSightingID = durable.maxSightingID + 1
        for record in cases { index(CaseEntry(record: record, vocabulary: vocabulary, shardMap: shardMap)) }
        var requeued = 0
        for record in originals {
            let features = record.features(vocabulary: vocabulary)
            try? await sightingEngine.storeSighting(features)
            if let digest = record.photoSHA256 {
                photoDigests[digest] = record.id
                if let phash = record.perceptualHash, let sha = ByteDigest(bytes: digest),
                   let fingerprint = PhotoHashCoding.decode(phash, sha256: sha) {
                    reposts.register(fingerprint, sightingID: record.id)
                }
            }
            if record.matchedAt == nil {
                let route = route(features)
                let priority: MatchQueue<UInt64>.Priority = route.urgent ? .urgent : .bulk
                pending[record.id] = PendingSighting(features: features, province: record.province, priority: priority, shards: route.shards, attempts: 0)
                queue.push(record.id, priority: priority)
                requeued += 1
            }
        }
        for (topic, seq) in durable.sequences { topics.set(topic, seq) }
        refreshUnboundedShards()
        logger.info("coordinator recovered", metadata: ["cases": "\(cases.count)", "sightings": "\(originals.count)", "requeued": "\(requeued)"])
    }

    func index(_ entry: CaseEntry) {
        let f = entry.features
        cases[f.id] = entry
        reach.insert(id: f.id, lastSeen: f.lastSeen, missingSince: f.missingSince, payload: entry.shard)
        if clock.unixSeconds() - f.missingSince <= matchConfig.urgentWithinSeconds {
            freshReach.insert(id: f.id, lastSeen: f.lastSeen, missingSince: f.missingSince, payload: entry.shard)
            freshIDs.insert(f.id)
        }
    }

    /// Shards that hold a case of unlimited reach: every sighting goes there.
    func refreshUnboundedShards() {
        reach.advance(to: clock.unixSeconds())
        unboundedShards = Set(reach.unboundedPayloads())
    }
}

/// Everything a restarting coordinator reads from its store, in one read.
struct DurableState: Sendable {
    var cases: [CaseRecord]
    var originals: [SightingRecord]
    var maxCaseID: UInt64
    var maxSightingID: UInt64
    var sequences: [String: UInt64]

    init(_ s: CoordinatorStore) throws {
        cases = try s.openCases()
        originals = try s.originalSightings(onlyUnmatched: false)
        (maxCaseID, maxSightingID) = try s.maxIDs()
        sequences = try s.lastSequences()
    }
}

extension CoordinatorNode.CaseEntry {
    init(record: CaseRecord, vocabulary: MarkVocabulary, shardMap: ShardMap) {
        let features = CaseFeatures(
            id: record.id, embeddings: record.embeddings, sex: Sex(rawValue: UInt8(record.sex)) ?? .unknown,
            birthDate: record.birthDate, missingSince: record.missingSince,
            lastSeen: GeoPoint(latitude: record.lastSeenLatitude, longitude: record.lastSeenLongitude),
            marks: vocabulary.markSet(record.marks))
        self.init(features: features, province: record.province, shard: shardMap.index(of: shardMap.shard(forProvince: record.province)))
    }
}

extension SightingRecord {
    func features(vocabulary: MarkVocabulary) -> SightingFeatures {
        SightingFeatures(id: id, observedAt: observedAt, location: GeoPoint(latitude: latitude, longitude: longitude),
                         sex: Sex(rawValue: UInt8(sex)) ?? .unknown, estimatedAge: ageRange,
                         marks: vocabulary.markSet(marks), embeddings: faces)
    }
}

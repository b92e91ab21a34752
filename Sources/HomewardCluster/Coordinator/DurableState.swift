import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardStore
import MatchEngine

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

extension CaseEntry {
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

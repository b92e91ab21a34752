import ClusterCore
import HomewardStore
import PhotoPipeline

extension CoordinatorNode {
    /// Loads the durable state (open cases, original sightings with their
    /// photo hashes, per-topic sequences) and hands it to the core, which
    /// requeues every sighting acknowledged but not yet matched.
    public func recover() async throws {
        let durable = try await store.read { db in try DurableState(CoordinatorStore(db)) }
        let cases = durable.cases.map { CaseEntry(record: $0, vocabulary: vocabulary, shardMap: core.shardMap) }
        let sightings = durable.originals.map { record -> RecoveredSighting<PhotoFingerprint> in
            let fingerprint = record.photoSHA256.flatMap(ByteDigest.init(bytes:)).flatMap { sha in
                record.perceptualHash.flatMap { PhotoHashCoding.decode($0, sha256: sha) }
            }
            return RecoveredSighting(features: record.features(vocabulary: vocabulary), province: record.province,
                                     digest: record.photoSHA256, fingerprint: fingerprint, done: record.matchedAt != nil)
        }
        for (topic, seq) in durable.sequences { publisher.topics.set(topic, seq) }
        await execute(core.recover(cases: cases, sightings: sightings, maxCaseID: durable.maxCaseID,
                                   maxSightingID: durable.maxSightingID, now: now))
    }
}

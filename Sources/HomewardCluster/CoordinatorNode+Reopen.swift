import HomewardProtocol
import HomewardStore

extension CoordinatorNode {
    /// Undoes a mistaken close (issue 13): the case is open again in the store,
    /// back in the routing index and on its shard's workers, and matched
    /// against the stored sightings as a new case is. The reason is audited
    /// (`auditOutcome`). A retry with the same request id gets the first reply.
    func reopenCase(_ m: Homeward_V1_ReopenCase, requestID: String) async throws -> Homeward_V1_Reply {
        let now = clock.unixSeconds()
        let caseID = m.caseID
        let reply = ClientCodec.reply(to: requestID) {
            $0.caseReopened.caseID = caseID
            $0.caseReopened.reopenedAt = now
        }
        let replyBytes = Frames.serialize(reply)
        let outcome = try await store.write { db -> ReopenOutcome in
            let s = CoordinatorStore(db)
            if let earlier = try s.reply(forRequest: requestID) { return .earlier(earlier) }
            guard try s.reopenCase(caseID), let record = try s.caseRecord(id: caseID) else { return .notClosed }
            try s.saveReply(replyBytes, forRequest: requestID, at: now)
            return .reopened(record)
        }
        switch outcome {
        case .earlier(let bytes): return try Homeward_V1_Reply(serializedBytes: bytes)
        case .notClosed:
            throw ProtocolError(.notFound, field: "case_id", "case \(caseID) is not closed (unknown or open)", requestID: requestID)
        case .reopened(let record):
            let entry = CaseEntry(record: record, vocabulary: vocabulary, shardMap: shardMap)
            index(entry)
            publishUpdate(.upsert(FeatureMapping.wire(entry.features)), shard: entry.shard)
            if matchConfig.reachTiers.tierIndex(elapsedSeconds: now - record.missingSince) == nil {
                unboundedShards.insert(entry.shard)
            }
            await matchNewCase(entry)
            return reply
        }
    }

    enum ReopenOutcome: Sendable { case reopened(CaseRecord), notClosed, earlier([UInt8]) }
}

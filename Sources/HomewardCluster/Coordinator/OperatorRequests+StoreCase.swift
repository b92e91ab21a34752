import ClusterCore
import HomewardProtocol
import HomewardStore

extension OperatorRequests {
    /// What storing a registered case came to.
    enum CaseStored: Sendable {
        /// Stored with its reply.
        case stored(CaseRecord, Homeward_V1_Reply)
        /// Its request id was answered before: that reply; nothing stored twice.
        case earlier(Homeward_V1_Reply)
    }

    /// Stores case `id` (its faces already extracted), its personal data,
    /// its photos kept for review and its reply, in one transaction.
    func storeCase(_ m: Homeward_V1_RegisterCase, id: UInt64, embeddings: [[Float]], skipped: [Homeward_V1_SkippedPhoto],
                   photos: [[UInt8]], province: String?, keepDays: Int, requestID: String) async throws -> CaseStored {
        let record = ClientMapping.caseRecord(m, id: id, embeddings: embeddings, province: province, registeredAt: clock.unixSeconds())
        let reply = ClientCodec.reply(to: requestID) {
            $0.caseRegistered.caseID = id
            $0.caseRegistered.registeredAt = record.registeredAt
            $0.caseRegistered.photosAccepted = UInt32(embeddings.count)
            $0.caseRegistered.skippedPhotos = skipped
        }
        let replyBytes = Frames.serialize(reply), personal = ClientMapping.personal(m.personal)
        let earlier = try await store.write { db -> [UInt8]? in
            let s = CoordinatorStore(db)
            if let earlier = try s.reply(forRequest: requestID) { return earlier }
            try s.insertCase(record, personal: personal)
            try s.keepCasePhotos(caseID: id, photos: photos, keepDays: keepDays, at: record.registeredAt)
            try s.saveReply(replyBytes, forRequest: requestID, at: record.registeredAt)
            return nil
        }
        if let earlier { return .earlier(try Homeward_V1_Reply(serializedBytes: earlier)) }
        return .stored(record, reply)
    }
}

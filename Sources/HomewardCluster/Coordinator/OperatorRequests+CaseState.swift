import HomewardProtocol
import HomewardStore

/// Closing and reopening a case, as far as the store goes: the node then tells
/// the core (a closed case stops routing; a reopened one goes the way of a
/// newly registered case). A retry with the same request id gets the first
/// reply and changes nothing.
extension OperatorRequests {
    enum CaseStateChange: Sendable {
        /// Stored; the record is the reopened case's (nil for a close).
        case changed(Homeward_V1_Reply, CaseRecord?)
        case earlier(Homeward_V1_Reply)

        var reply: Homeward_V1_Reply {
            switch self { case .changed(let r, _), .earlier(let r): r }
        }
    }

    func closeCase(_ m: Homeward_V1_CloseCase, requestID: String) async throws -> CaseStateChange {
        let closedAt = clock.unixSeconds(), found = m.outcome == .found, caseID = m.caseID, note = m.note
        let reply = ClientCodec.reply(to: requestID) {
            $0.caseClosed.caseID = caseID
            $0.caseClosed.outcome = m.outcome
            $0.caseClosed.closedAt = closedAt
        }
        let replyBytes = Frames.serialize(reply)
        // (An enum result, not a tuple: tuples through the generic async `write` were miscompiled in release builds.)
        let outcome = try await store.write { db -> StoreOutcome in
            let s = CoordinatorStore(db)
            if let earlier = try s.reply(forRequest: requestID) { return .earlier(earlier) }
            guard try s.closeCase(caseID, status: found ? .found : .withdrawn, note: note, at: closedAt) else { return .unchanged }
            try s.saveReply(replyBytes, forRequest: requestID, at: closedAt)
            return .changed(nil)
        }
        switch outcome {
        case .earlier(let earlier): return .earlier(try Homeward_V1_Reply(serializedBytes: earlier))
        case .unchanged: throw ProtocolError(.notFound, field: "case_id", "case \(caseID) is not open (unknown or already closed)", requestID: requestID)
        case .changed: return .changed(reply, nil)
        }
    }

    /// Undoes a mistaken close (issue 13). The reason is audited by `RequestAccess`.
    func reopenCase(_ m: Homeward_V1_ReopenCase, requestID: String) async throws -> CaseStateChange {
        let now = clock.unixSeconds(), caseID = m.caseID
        let reply = ClientCodec.reply(to: requestID) {
            $0.caseReopened.caseID = caseID
            $0.caseReopened.reopenedAt = now
        }
        let replyBytes = Frames.serialize(reply)
        let outcome = try await store.write { db -> StoreOutcome in
            let s = CoordinatorStore(db)
            if let earlier = try s.reply(forRequest: requestID) { return .earlier(earlier) }
            guard try s.reopenCase(caseID), let record = try s.caseRecord(id: caseID) else { return .unchanged }
            try s.saveReply(replyBytes, forRequest: requestID, at: now)
            return .changed(record)
        }
        switch outcome {
        case .earlier(let earlier): return .earlier(try Homeward_V1_Reply(serializedBytes: earlier))
        case .unchanged: throw ProtocolError(.notFound, field: "case_id", "case \(caseID) is not closed (unknown or open)", requestID: requestID)
        case .changed(let record): return .changed(reply, record)
        }
    }

    enum StoreOutcome: Sendable { case changed(CaseRecord?), unchanged, earlier([UInt8]) }
}

import HomewardProtocol

/// The answer to a client message that arrives while every intake slot is in
/// use. Sighting submissions (the public, the surge) get "retry later" with
/// their request id, nothing stored, unless a child missing under a day could
/// be there (`UrgentAreaHint`): those are let in, up to twice the slots.
/// Anything else (operators: cases, reviews, status, catch-up) is worked on
/// anyway. Runs off the coordinator actor, so shedding stays cheap when the
/// actor is the bottleneck.
enum IntakeShedding {
    /// The reply frames (routing included) for a shed submission, or nil to admit the message.
    static func reply(to frames: [Frame], slots: IntakeSlots, urgentAreas: UrgentAreaHint) -> [Frame]? {
        guard let (route, body) = try? Frames.split(frames),
              let request = try? ClientCodec.decodeRequest(body),
              case .submitSighting(let m)? = request.body else { return nil }
        if slots.count < 2 * slots.capacity, urgentAreas.covers(FeatureMapping.point(m.location), at: m.observedAt) { return nil }
        let error = ProtocolError.retryLater(afterMs: slots.retryAfterMs(), "the coordinator is at its intake limit; retry later",
                                             requestID: request.requestID)
        return Frames.join(route: route, body: ClientCodec.encode(ClientCodec.errorReply(error)))
    }
}

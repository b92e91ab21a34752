import ClusterCore
import HomewardProtocol

/// The intake shell's side of back-pressure: when every slot is busy it reads
/// what a message is (a sighting, and whether a fresh case covers its point)
/// and lets `IntakeSlots`/`IntakeAdmission` decide. Runs off the coordinator
/// actor, so shedding stays cheap when the actor is the bottleneck.
enum IntakeShedding {
    /// The reply frames (routing included) for a refused message, or nil when it
    /// is admitted (a slot is then taken: release it when done).
    static func admit(_ frames: [Frame], slots: IntakeSlots, urgentAreas: UrgentAreaHint) -> [Frame]? {
        if slots.tryAcquire() { return nil }
        guard let (route, body) = try? Frames.split(frames), let request = try? ClientCodec.decodeRequest(body),
              case .submitSighting(let m)? = request.body else {
            _ = slots.admit(.other)
            return nil
        }
        let near = urgentAreas.covers(FeatureMapping.point(m.location), at: m.observedAt)
        guard case .refuse(let wait) = slots.admit(.sighting(nearFreshCase: near)) else { return nil }
        let error = ProtocolError.retryLater(afterMs: wait, "the coordinator is at its intake limit; retry later", requestID: request.requestID)
        return Frames.join(route: route, body: ClientCodec.encode(ClientCodec.errorReply(error)))
    }
}

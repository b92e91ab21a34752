import HomewardProtocol

/// A sighting submission that carries only embeddings (no photo bytes),
/// decoded by the intake shell off the coordinator's actor. These are the
/// bulk of a storm; they are answered in batches (`SubmissionBatch`).
struct DecodedSubmission: Sendable {
    let route: [Frame]
    let request: Homeward_V1_Request
    let userID: String?
    let receivedAt: ContinuousClock.Instant

    /// The message as a batchable submission, or nil: anything else (a photo,
    /// an operator request, a frame or decoding error) takes `handleClient`.
    static func decode(_ frames: [Frame], userID: String?, limits: ProtocolLimits, receivedAt: ContinuousClock.Instant) -> DecodedSubmission? {
        guard let (route, body) = try? Frames.split(frames),
              let request = try? ClientCodec.decodeRequest(body, limits: limits),
              case .submitSighting(let m)? = request.body,
              m.faces.allSatisfy({ if case .embedding? = $0.source { true } else { false } }) else { return nil }
        return DecodedSubmission(route: route, request: request, userID: userID, receivedAt: receivedAt)
    }
}

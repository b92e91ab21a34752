import HomewardProtocol

/// The answer to a client request that arrives while the coordinator drains:
/// RETRY_LATER for anything that would start new work (a client retrying
/// reaches the next coordinator run, or the same one restarted). Status and
/// alert catch-up and a sighting's progress are read-only and still answered; a message that does not
/// decode goes on to the node, which names its problem.
enum DrainRefusal {
    /// Clients should come back after about this long (a restart's order of magnitude).
    static let retryAfterMs: UInt32 = 2_000

    /// The reply frames (routing included), or nil to let the node answer.
    static func reply(to frames: [Frame]) -> [Frame]? {
        guard let (route, body) = try? Frames.split(frames), let request = try? ClientCodec.decodeRequest(body) else { return nil }
        switch request.body {
        case .status?, .alertCatchUp?, .showSighting?, .showReviews?, .showPhotos?, nil: return nil
        case .registerCase?, .closeCase?, .reopenCase?, .showCase?, .submitSighting?, .reviewAlert?:
            let error = ProtocolError.retryLater(afterMs: retryAfterMs, "the coordinator is shutting down; retry later",
                                                 requestID: request.requestID)
            return Frames.join(route: route, body: ClientCodec.encode(ClientCodec.errorReply(error)))
        }
    }
}

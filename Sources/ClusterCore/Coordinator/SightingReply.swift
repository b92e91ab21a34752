/// What a sighting's submitter hears. The shell turns it into the wire reply.
public enum SightingReply: Sendable, Equatable {
    /// Durable. `faces` is how many faces will be matched (zero for a repost).
    case accepted(sightingID: UInt64, repostOf: UInt64?, faces: Int)
    /// The same request id was stored before: its first reply, as stored.
    case earlier([UInt8])
    case refused(Refusal)
}

/// When a kept photo may be deleted. Pure; the vault's sweep applies it.
/// A photo is *released* once no open case needs it (its case closed; for a
/// sighting, every case it alerted on closed, or it alerted on none); it is
/// deleted `retentionSeconds` after the first sweep that found it released.
public struct RetentionRule: Sendable, Equatable {
    public let retentionSeconds: Int64

    public init(retentionDays: Int) { retentionSeconds = Int64(retentionDays) * 86_400 }

    public enum Verdict: Equatable, Sendable {
        case keep
        case release(at: Int64)
        case delete
    }

    public func verdict(releasedAt: Int64?, stillNeeded: Bool, now: Int64) -> Verdict {
        guard !stillNeeded else { return .keep }
        guard let releasedAt else { return retentionSeconds == 0 ? .delete : .release(at: now) }
        return now - releasedAt >= retentionSeconds ? .delete : .keep
    }
}

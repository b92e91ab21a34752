/// Whether a client message is worked on when it arrives, decided before the
/// coordinator actor sees it (back-pressure at the socket, docs/failures.md).
///
/// While an intake slot is free everything is admitted. When none is:
/// operator requests (cases, reviews, status, catch-up) are admitted anyway;
/// a sighting that a child missing under a day could be in (the fresh-case
/// index covers its point) is admitted up to twice the slots; any other
/// sighting is refused with "retry later" and nothing stored. The wait grows
/// with the streak of refusals and is jittered so refused clients do not come
/// back as one wave.
public struct IntakeAdmission: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        /// Take a slot (one was free).
        case admit
        /// Work on it past the slots.
        case admitOverCapacity
        case refuse(retryAfterMs: UInt32)
    }

    public enum Kind: Sendable, Equatable {
        /// A sighting submission; `nearFreshCase`: a fresh case can reach its point.
        case sighting(nearFreshCase: Bool)
        /// Anything an operator sends.
        case other
    }

    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// `inUse`: slots taken now; `streak`: refusals in a row before this one;
    /// `jitter`: a draw from 0.75…1.25.
    public func decide(_ kind: Kind, inUse: Int, streak: Int, jitter: Double) -> Decision {
        if inUse < capacity { return .admit }
        switch kind {
        case .other: return .admitOverCapacity
        case .sighting(let near) where near && inUse < 2 * capacity: return .admitOverCapacity
        case .sighting: return .refuse(retryAfterMs: retryAfterMs(streak: streak + 1, jitter: jitter))
        }
    }

    /// 250 ms, growing by 250 ms with every `capacity` refusals in a row, at most 4 s; times the jitter.
    public func retryAfterMs(streak: Int, jitter: Double) -> UInt32 {
        let base = min(4_000, 250 * (1 + streak / capacity))
        return UInt32(Double(base) * min(1.25, max(0.75, jitter)))
    }
}

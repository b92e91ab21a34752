import ClusterCore
import Synchronization

/// How many client requests the coordinator works on at once, and the
/// refusals in a row, behind one lock; `IntakeAdmission` (pure, in
/// ClusterCore) decides what happens to a message when no slot is free.
final class IntakeSlots: Sendable {
    let policy: IntakeAdmission
    private let state = Mutex(State())

    struct State {
        var inUse = 0
        /// Submissions refused since a slot was last free.
        var streak = 0
    }

    init(capacity: Int) { policy = IntakeAdmission(capacity: capacity) }

    var capacity: Int { policy.capacity }

    /// Takes a slot if one is free.
    func tryAcquire() -> Bool {
        state.withLock { s in
            guard policy.decide(.other, inUse: s.inUse, streak: s.streak, jitter: 1) == .admit else { return false }
            s.inUse += 1
            s.streak = 0
            return true
        }
    }

    /// The decision for a message of `kind`; a slot is taken unless it is refused.
    func admit(_ kind: IntakeAdmission.Kind) -> IntakeAdmission.Decision {
        let jitter = Double.random(in: 0.75...1.25)
        return state.withLock { s in
            let decision = policy.decide(kind, inUse: s.inUse, streak: s.streak, jitter: jitter)
            switch decision {
            case .admit:
                s.inUse += 1
                s.streak = 0
            case .admitOverCapacity: s.inUse += 1
            case .refuse: s.streak += 1
            }
            return decision
        }
    }

    func release(_ count: Int = 1) { state.withLock { $0.inUse -= count } }

    var count: Int { state.withLock { $0.inUse } }
}

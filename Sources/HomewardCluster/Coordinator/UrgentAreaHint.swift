import GeoIndex
import Synchronization

/// A copy of the coordinator's fresh-case reach index (children missing under
/// `urgentWithinSeconds`) for the intake shell, which sheds submissions off
/// the actor: a submission that some fresh case can reach is let in past the
/// intake slots instead of being told to retry. It is a hint, refreshed every
/// tick; the actor still decides each sighting's priority exactly.
final class UrgentAreaHint: Sendable {
    private let index = Mutex<ReachIndex<UInt32>?>(nil)

    /// Replaces the copy (cheap: the index's storage is shared until the actor next changes it).
    func publish(_ fresh: ReachIndex<UInt32>) { index.withLock { $0 = fresh } }

    /// Whether a fresh case can reach `point` at time `t`.
    func covers(_ point: GeoPoint, at t: Int64) -> Bool {
        index.withLock { index in
            var hit = false
            index?.forEachCase(reaching: point, at: t) { _, _ in hit = true }
            return hit
        }
    }
}

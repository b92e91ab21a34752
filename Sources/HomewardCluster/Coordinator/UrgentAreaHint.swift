import ClusterCore
import GeoIndex
import Synchronization

/// A copy of the coordinator's fresh-case reach index (children missing under
/// `urgentWithinSeconds`) for the intake shell, which sheds submissions off
/// the actor: a submission that some fresh case can reach is let in past the
/// intake slots instead of being told to retry. It is a hint, refreshed every
/// tick; the actor still decides each sighting's priority exactly.
final class UrgentAreaHint: Sendable {
    private let index = Mutex<FreshCases?>(nil)

    /// Replaces the copy (cheap: the index's storage is shared until the actor next changes it).
    func publish(_ fresh: FreshCases) { index.withLock { $0 = fresh } }

    /// Whether a fresh case can reach `point` at time `t`.
    func covers(_ point: GeoPoint, at t: Int64) -> Bool {
        // Stops at the first fresh case and never writes the shared storage:
        // under a retry storm this runs for every refused submission.
        index.withLock { $0?.reachesAny(point, at: t) ?? false }
    }
}

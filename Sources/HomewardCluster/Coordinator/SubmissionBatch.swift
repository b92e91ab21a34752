import Synchronization

/// Embedding-only submissions waiting for the coordinator's actor. The intake
/// shell appends; whoever finds the buffer empty starts one task, and that
/// task takes everything gathered by the time it runs. So one actor turn and
/// one store transaction serve a whole burst, instead of a task, several
/// actor hops and a store job per submission (a storm of 10,000 reposts a
/// second spent most of the coordinator's time on those).
final class SubmissionBatch: Sendable {
    private let waiting = Mutex<[DecodedSubmission]>([])

    /// Adds a submission; true when the buffer was empty, so the caller must
    /// start a task that calls `takeAll`.
    func append(_ s: DecodedSubmission) -> Bool {
        waiting.withLock { w in
            w.append(s)
            return w.count == 1
        }
    }

    func takeAll() -> [DecodedSubmission] {
        waiting.withLock { w in
            defer { w.removeAll(keepingCapacity: true) }
            return w
        }
    }
}

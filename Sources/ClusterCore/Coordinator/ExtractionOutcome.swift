/// A worker's answer to one photo's face extraction, or the core's verdict
/// when no worker could give one.
public enum ExtractionOutcome: Sendable, Equatable {
    /// The faces found (most confident first), L2-normalised; possibly none.
    case faces([[Float]])
    case tooLarge
    case unreadable
    /// The worker has no face model: try another.
    case noExtractor
    /// No live worker (with a model) answered within the tries.
    case noLiveWorker
}

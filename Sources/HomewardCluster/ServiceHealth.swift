import Synchronization

/// What a running service reports to its ops endpoint's `/ready`: the reasons
/// it is not ready (none: ready). The service updates it as it goes (every
/// tick); the ops endpoint reads it on each request.
public final class ServiceHealth: Sendable {
    private let reasons: Mutex<[String]>

    public init(startingReason: String = "starting") { reasons = Mutex([startingReason]) }

    public func set(_ notReadyBecause: [String]) { reasons.withLock { $0 = notReadyBecause } }

    /// Empty when ready.
    public var notReadyReasons: [String] { reasons.withLock { $0 } }
}

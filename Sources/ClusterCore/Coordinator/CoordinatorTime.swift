/// The two readings of the node's clock that an event happens at: Unix time
/// (the contract's times, the store) and monotonic time (deadlines). The
/// shell reads them from its `WallClock`; tests set them.
public struct CoordinatorTime: Sendable, Equatable {
    public var unixSeconds: Int64
    public var monotonic: MonotonicTime

    public init(unixSeconds: Int64, monotonic: MonotonicTime) {
        self.unixSeconds = unixSeconds
        self.monotonic = monotonic
    }
}

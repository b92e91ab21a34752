import Foundation

/// The two clocks a node reads: Unix time (for the contract's times and the
/// store) and a monotonic clock (for heartbeats and deadlines). Injected so
/// tests can drive time.
public struct WallClock: Sendable {
    public var unixSeconds: @Sendable () -> Int64
    public var unixMilliseconds: @Sendable () -> Int64
    public var monotonic: @Sendable () -> MonotonicTime

    public init(unixSeconds: @escaping @Sendable () -> Int64, unixMilliseconds: @escaping @Sendable () -> Int64,
                monotonic: @escaping @Sendable () -> MonotonicTime) {
        self.unixSeconds = unixSeconds
        self.unixMilliseconds = unixMilliseconds
        self.monotonic = monotonic
    }

    public static let system = WallClock(
        unixSeconds: { Int64(Date().timeIntervalSince1970) },
        unixMilliseconds: { Int64(Date().timeIntervalSince1970 * 1000) },
        monotonic: {
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ts)
            return MonotonicTime(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
        })
}

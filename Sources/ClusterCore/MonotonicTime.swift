/// A point on a monotonic clock, in nanoseconds since an arbitrary origin.
///
/// The cluster state machines take time as a plain value so that tests drive
/// them with an injected clock; shells read `ContinuousClock` or `clock_gettime`.
public struct MonotonicTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public static func milliseconds(_ ms: UInt64) -> MonotonicTime { MonotonicTime(nanoseconds: ms * 1_000_000) }
    public static func seconds(_ s: UInt64) -> MonotonicTime { MonotonicTime(nanoseconds: s * 1_000_000_000) }

    public static func < (a: MonotonicTime, b: MonotonicTime) -> Bool { a.nanoseconds < b.nanoseconds }

    public static func + (t: MonotonicTime, d: Duration) -> MonotonicTime {
        MonotonicTime(nanoseconds: t.nanoseconds &+ d.wholeNanoseconds)
    }

    /// Time from `earlier` to `self`; zero if `earlier` is later.
    public func since(_ earlier: MonotonicTime) -> Duration {
        nanoseconds >= earlier.nanoseconds ? .nanoseconds(Int64(nanoseconds - earlier.nanoseconds)) : .zero
    }

    public var description: String { "\(Double(nanoseconds) / 1e9)s" }
}

extension Duration {
    /// Whole nanoseconds, clamped to zero for negative durations and to
    /// `UInt64.max` for durations beyond 584 years (instead of trapping).
    public var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        // Both components carry the sign: -5 ms is (0 s, -5e15 as), which
        // once trapped converting to UInt64.
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, carry) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return overflow || carry ? .max : sum
    }
}

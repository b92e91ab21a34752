/// Counts the coordinator reports in `status`.
public struct CoordinatorCounters: Sendable, Equatable {
    public var sightings: UInt64 = 0
    public var reposts: UInt64 = 0
    public var alerts: UInt64 = 0
    public var closedCases: UInt64 = 0
    public var retryLater: UInt64 = 0
    public var rejected: UInt64 = 0
    /// Sightings marked failed after their tries ran out.
    public var failedSightings: UInt64 = 0
    /// Storing a sighting into the step-10 engine failed (logged each time).
    public var newCaseIndexErrors: UInt64 = 0

    public init() {}
}

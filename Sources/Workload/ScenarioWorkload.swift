/// A scenario's generated workload: the events in send order, when each is
/// due, and which sightings are of the fresh abductions (their alerts are the
/// ones that must not wait behind a storm).
public struct ScenarioWorkload: Sendable {
    public var workload: Workload
    /// Seconds from the start of the stream at which `workload.stream[i]` is due; non-decreasing.
    public var offsets: [Double]
    /// Indices into `workload.sightings` of the fresh abductions' true sightings.
    public var freshSightings: Set<Int>
}

/// The outcome of streaming a workload through a cluster. `--json` prints it.
public struct RunReport: Codable, Sendable {
    public var cases: Int
    public var sightingsOffered: Int
    public var offeredPerSecond: Double
    public var sightingsAcknowledged: Int
    public var uniquePerSecond: Double
    public var reposts: Int
    public var ackP50Ms: Double
    public var ackP99Ms: Double
    public var p50Ms: Double
    public var p99Ms: Double
    public var p999Ms: Double
    public var alertsReceived: Int
    public var expectedMatches: Int
    public var foundMatches: Int
    public var missing: Int
    public var unexpected: Int
    public var duplicates: Int
    /// Alerts that reached the run only through `AlertCatchUp`, not live.
    public var caughtUp: Int
    /// Sighting submissions that got no answer at all within the client's timeout.
    public var unanswered: Int
    public var errors: [String: Int]
    /// Acknowledged submissions per second, from the start of the stream to the last acknowledgement.
    public var achievedPerSecond = 0.0
    /// Submissions sent again after a "retry later" answer (back-pressure).
    public var retries = 0
    /// Alerts for a scenario's fresh abductions, and their latency.
    public var freshAlerts = 0
    public var freshP50Ms = 0.0
    public var freshP99Ms = 0.0
    public var freshP999Ms = 0.0
    /// Alerts naming a sighting or case whose acknowledgement never arrived (timed out):
    /// the run cannot tell which generated one it was, so they are not checked.
    public var unverified = 0
    /// Acknowledged submissions the cluster no longer has; nil when the run could not check.
    public var lost: Int?
    /// Sightings of the workload with no acknowledgement at the end (after retries).
    public var sightingsNeverAcknowledged = 0
    /// Case registrations (initial and during the run) with no acknowledgement at the end.
    public var casesNeverAcknowledged = 0
    /// Per sighting: case rows passing the time, reach, sex and age gates, and
    /// rows the kernel scored (`GateScanReplay`); nil unless replayed.
    public var rowsAdmittedPerSighting: Double?
    public var rowsScannedPerSighting: Double?
    /// Case photos stored over all shards: what a scan without the gates reads.
    public var rowsStored: Int?
    /// A `photo-surge` run's photo figures and checks; nil for the other scenarios.
    public var photoSurge: PhotoSurgeSummary?

    enum CodingKeys: String, CodingKey {
        case cases, reposts, missing, unexpected, duplicates, unanswered, errors
        case sightingsOffered = "sightings_offered"
        case offeredPerSecond = "offered_per_s"
        case sightingsAcknowledged = "sightings_acknowledged"
        case uniquePerSecond = "unique_per_s"
        case ackP50Ms = "ack_p50_ms"
        case ackP99Ms = "ack_p99_ms"
        case p50Ms = "p50_ms"
        case p99Ms = "p99_ms"
        case p999Ms = "p999_ms"
        case alertsReceived = "alerts_received"
        case expectedMatches = "expected_matches"
        case foundMatches = "found_matches"
        case caughtUp = "caught_up"
        case achievedPerSecond = "achieved_per_s"
        case retries, lost, unverified
        case sightingsNeverAcknowledged = "sightings_never_acknowledged"
        case casesNeverAcknowledged = "cases_never_acknowledged"
        case freshAlerts = "fresh_alerts"
        case freshP50Ms = "fresh_p50_ms"
        case freshP99Ms = "fresh_p99_ms"
        case freshP999Ms = "fresh_p999_ms"
        case rowsAdmittedPerSighting = "rows_admitted_per_sighting"
        case rowsScannedPerSighting = "rows_scanned_per_sighting"
        case rowsStored = "rows_stored"
        case photoSurge = "photo_surge"
    }
}

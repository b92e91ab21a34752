import MatchEngine

/// A worker's running totals of rows scanned and rows admitted by the gates
/// (issue 16), per shard-sighting matched. Admitted rows are counted on every
/// `sampleEvery`-th match call only: counting them tests the gates row by row
/// in the panels they cut through, which costs more than the scan it measures.
public struct ScanCounters: Hashable, Sendable {
    public static let sampleEvery = 16

    /// Sightings matched against one shard, and the rows the kernel scored for them.
    public private(set) var sightings = 0
    public private(set) var rowsScanned = 0
    /// The sampled calls' sightings, and the rows their gates admitted and the kernel scored.
    public private(set) var sampledSightings = 0
    public private(set) var sampledRowsAdmitted = 0
    public private(set) var sampledRowsScanned = 0
    private var calls = 0

    public init() {}

    /// Whether the next call should count admitted rows.
    var samplesNext: Bool { calls % Self.sampleEvery == 0 }

    mutating func add(_ outcome: MatchOutcome) {
        calls += 1
        sightings += outcome.rowsScanned.count
        rowsScanned += outcome.rowsScanned.reduce(0, +)
        if let admitted = outcome.rowsAdmitted {
            sampledSightings += admitted.count
            sampledRowsAdmitted += admitted.reduce(0, +)
            sampledRowsScanned += outcome.rowsScanned.reduce(0, +)
        }
    }

    /// Mean rows scanned per shard-sighting (0 before any).
    public var rowsScannedPerSighting: Double { sightings == 0 ? 0 : Double(rowsScanned) / Double(sightings) }
    /// Mean rows admitted per shard-sighting, over the sampled calls (0 before any).
    public var rowsAdmittedPerSighting: Double {
        sampledSightings == 0 ? 0 : Double(sampledRowsAdmitted) / Double(sampledSightings)
    }
}

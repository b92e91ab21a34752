import ClusterCore
import GeoIndex
import MatchEngine
import Workload

/// Rows admitted and rows scanned per sighting on a run's workload (issue 16),
/// measured by replaying its sightings, in the run's batch size, through one
/// `MatchEngine` per shard holding that shard's initial cases (partitioned as
/// the workers partition them). The workers run as separate processes, so the
/// run cannot read their counters; the replay runs the same engine on the same
/// data. Every sighting goes to every shard here, as it does in a run whenever
/// each shard holds a long-missing case (unlimited reach), which is the case
/// for the generated workloads.
public struct GateScanReplay: Sendable {
    public struct Result: Sendable {
        public var sightings: Int
        public var rowsAdmittedPerSighting: Double
        public var rowsScannedPerSighting: Double
        /// Rows a scan without the gate-aware layout reads: every stored case photo.
        public var rowsStored: Int
        /// True re-sightings of an initial case, and those whose case is among the
        /// candidates of some shard: the replay's own check of what it matched.
        public var trueSightings: Int
        public var trueFound: Int
    }

    public let config: ClusterConfig

    public init(config: ClusterConfig) { self.config = config }

    public func run(_ workload: Workload, cores: Int) async throws -> Result {
        let m = config.matching
        let matchConfig = MatchConfig(
            dimension: m.dimension, faceThreshold: Float(m.faceThreshold), marksWeight: m.marksWeight, topK: m.topK,
            ageToleranceYears: m.ageToleranceYears, reachTiers: try config.reachTierTable(),
            urgentWithinSeconds: m.urgentWithinSeconds)
        let shardMap = try config.shardMap()
        var byShard: [ShardID: [CaseFeatures]] = [:]
        for c in workload.cases.prefix(workload.spec.initialCases) {
            byShard[shardMap.shard(forProvince: c.province), default: []].append(c.features)
        }
        // As `homeward worker` does: the config's matchers, else one per core, per shard.
        let partitions = config.workers.first?.matchers ?? max(1, cores)
        var engines: [MatchEngine] = []
        for (_, cases) in byShard.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let engine = MatchEngine(config: matchConfig, partitions: partitions)
            try await engine.upsertCases(cases)
            engines.append(engine)
        }
        let sightings = workload.sightings.map(\.features).enumerated().map { i, s in
            var s = s
            s.id = UInt64(i + 1)
            return s
        }
        var admitted = 0, scanned = 0, trueSightings = 0, trueFound = 0
        var start = 0
        while start < sightings.count {
            let batch = Array(sightings[start..<min(sightings.count, start + config.coordinator.matchBatchSize)])
            var found = [Set<UInt64>](repeating: [], count: batch.count)
            for engine in engines {
                let outcome = try await engine.matchCounting(batch)
                admitted += outcome.rowsAdmitted?.reduce(0, +) ?? 0
                scanned += outcome.rowsScanned.reduce(0, +)
                for (i, candidates) in outcome.candidates.enumerated() { found[i].formUnion(candidates.map(\.caseID)) }
            }
            for i in batch.indices {
                guard case .resighting(let caseIndex) = workload.sightings[start + i].truth,
                      caseIndex < workload.spec.initialCases else { continue }
                trueSightings += 1
                if found[i].contains(workload.cases[caseIndex].features.id) { trueFound += 1 }
            }
            start += batch.count
        }
        let stored = byShard.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.embeddings.count } }
        let n = Double(max(1, sightings.count))
        return Result(sightings: sightings.count, rowsAdmittedPerSighting: Double(admitted) / n,
                      rowsScannedPerSighting: Double(scanned) / n, rowsStored: stored,
                      trueSightings: trueSightings, trueFound: trueFound)
    }
}

import ClusterCore
import Foundation
import HomewardClient
import Workload

/// A local cluster started for a demo or benchmark, a workload for it, and the
/// run that streams one through the other.
public struct ClusterSession: Sendable {
    public var configPath: String
    public var runDirectory: String
    public var spec: WorkloadSpec
    public var rate: Double
    public var printAlerts = 0
    /// After the run, replay its sightings through local engines to report rows
    /// admitted and scanned per sighting (`GateScanReplay`; `bench cluster`).
    public var replayGateScan = false
    /// Per-second rates, alert latencies and queue depths of the run, when set.
    public var timeline: RunTimeline?

    public init(configPath: String, runDirectory: String, spec: WorkloadSpec, rate: Double) {
        self.configPath = configPath
        self.runDirectory = runDirectory
        self.spec = spec
        self.rate = rate
    }

    public func run(log: @escaping @Sendable (String) -> Void) async throws -> RunReport {
        let config = try ClusterConfig.load(path: configPath)
        let geo = try GeoData(directory: GeoData.directory(forConfig: configPath))
        var spec = self.spec
        spec.faceThreshold = config.matching.faceThreshold
        spec.dimension = config.matching.dimension
        spec.now = Int64(Date().timeIntervalSince1970)
        let generator = WorkloadGenerator(spec: spec, places: geo.places, reachTiers: try config.reachTierTable(),
                                          markVocabulary: config.matching.markVocabulary.isEmpty ? nil : config.matching.markVocabulary)
        let started = ContinuousClock.now
        let workload = generator.generate()
        log("generated \(workload.cases.count) cases and \(workload.sightings.count) sightings (seed \(spec.seed)) in \(ContinuousClock.now - started)")

        let cluster = LocalCluster(configPath: configPath, runDirectory: runDirectory)
        defer { cluster.stop() }
        try await cluster.startCoordinator()
        for worker in config.workers { try cluster.startWorker(worker.id.rawValue) }
        log("cluster up: coordinator \(cluster.clientEndpoint), workers \(config.workers.map(\.id.rawValue).joined(separator: ", ")); logs in \(runDirectory)")
        try await cluster.waitForWorkers(config.workers.count)

        var run = ClusterRun(clientEndpoint: cluster.clientEndpoint, alertsEndpoint: cluster.alertsEndpoint, workload: workload, rate: rate)
        run.printAlerts = printAlerts
        run.keys = try cluster.runKeys()
        run.timeline = timeline
        // Measure matching, not the workers' loading of the case base.
        run.afterRegistering = cluster.caseBaseBarrier(workload, config: config, log: log)
        var report = try await run.run(log: log)
        if replayGateScan {
            let replay = try await GateScanReplay(config: config).run(workload, cores: ProcessInfo.processInfo.activeProcessorCount)
            report.rowsAdmittedPerSighting = replay.rowsAdmittedPerSighting
            report.rowsScannedPerSighting = replay.rowsScannedPerSighting
            report.rowsStored = replay.rowsStored
            log("gate-aware scan (replayed): \(Int(replay.rowsAdmittedPerSighting)) rows admitted, \(Int(replay.rowsScannedPerSighting)) scanned per sighting, of \(replay.rowsStored) stored; \(replay.trueFound) of \(replay.trueSightings) true re-sightings found")
        }
        return report
    }
}

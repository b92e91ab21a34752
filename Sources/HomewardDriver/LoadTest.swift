import ClusterCore
import Foundation
import HomewardClient
import HomewardSecurity
import Workload

/// The parts of a load-test run (`homeward loadtest`): generating the scenario,
/// and running it against a local cluster it starts or a running one.
public enum LoadTest {
    public static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: Date())
    }

    public static func generate(_ scenario: Scenario, config: ClusterConfig, configPath: String) throws -> ScenarioWorkload {
        try generator(scenario, config: config, configPath: configPath).generate()
    }

    /// The scenario's generator (its `base` makes cases and sightings for `PhotoSurgeWorkload.build`).
    public static func generator(_ scenario: Scenario, config: ClusterConfig, configPath: String) throws -> ScenarioGenerator {
        let geo = try GeoData(directory: GeoData.directory(forConfig: configPath))
        var spec = WorkloadSpec()
        spec.seed = scenario.seed
        spec.initialCases = scenario.cases
        spec.faceThreshold = config.matching.faceThreshold
        spec.dimension = config.matching.dimension
        spec.now = Int64(Date().timeIntervalSince1970)
        let base = WorkloadGenerator(spec: spec, places: geo.places, reachTiers: try config.reachTierTable(),
                                     markVocabulary: config.matching.markVocabulary.isEmpty ? nil : config.matching.markVocabulary)
        return ScenarioGenerator(scenario: scenario, base: base, cities: geo.placesByCityName)
    }

    public static func makeRun(_ generated: ScenarioWorkload, client: String, alerts: String, timeline: RunTimeline, settle: Int,
                               photos: PhotoSurgeWorkload? = nil) -> ClusterRun {
        var run = ClusterRun(clientEndpoint: client, alertsEndpoint: alerts, workload: generated.workload, rate: 1)
        run.offsets = generated.offsets
        run.freshSightings = generated.freshSightings
        run.timeline = timeline
        run.settle = .seconds(settle)
        // A subscriber that fell behind catches up from the alert store, as the
        // docs tell subscribers to; the report counts those alerts apart.
        run.catchUpTopics = Array(Set(generated.workload.cases.map(\.province))).sorted() + ["000000"]
        if let photos {
            run.sightingPhotos = photos.sightingPhotos
            run.casePhotos = photos.casePhotos
        }
        return run
    }

    public static func runLocal(_ generated: ScenarioWorkload, configPath: String, config: ClusterConfig, runDirectory: String,
                         timeline: RunTimeline, settle: Int, photos: PhotoSurgeWorkload? = nil) async throws -> RunReport {
        let cluster = LocalCluster(configPath: configPath, runDirectory: runDirectory)
        defer { cluster.stop() }
        try await cluster.startCoordinator()
        for worker in config.workers { try cluster.startWorker(worker.id.rawValue) }
        try await cluster.waitForWorkers(config.workers.count)
        print("local cluster up: coordinator and \(config.workers.count) workers; logs in \(runDirectory)")
        var run = makeRun(generated, client: cluster.clientEndpoint, alerts: cluster.alertsEndpoint, timeline: timeline, settle: settle,
                          photos: photos)
        run.keys = try cluster.runKeys()
        // Measure matching, not the workers' loading of the case base.
        run.afterRegistering = cluster.caseBaseBarrier(generated.workload, config: config) { print($0) }
        var (report, details) = try await run.runWithDetails()
        cluster.stop()
        // Exact: every acknowledged id must be in the coordinator's database.
        let stored = try cluster.storedSightingIDs()
        report.lost = details.sightingIDs.values.filter { !stored.contains($0) }.count
        if let photos { try PhotoSurgeCheck.apply(photos, details: details, config: config, to: &report) }
        return report
    }

    /// `configPath` locates the keys (intake, desk, admin) the run connects with.
    public static func runRemote(_ generated: ScenarioWorkload, config: ClusterConfig, configPath: String, timeline: RunTimeline,
                                 settle: Int, photos: PhotoSurgeWorkload? = nil) async throws -> RunReport {
        let endpoint = config.coordinator.clientEndpoint
        let keys = ClusterRun.Keys(intake: try ClientKeys.curve(name: "intake", config: config, configPath: configPath),
                                   desk: try ClientKeys.curve(name: "desk", config: config, configPath: configPath),
                                   admin: try ClientKeys.curve(name: "admin", config: config, configPath: configPath))
        func storedSightings() async throws -> UInt64 {
            let client = try await HomewardClient(endpoint: endpoint, timeoutMilliseconds: 10_000, curve: keys.admin)
            let status = try await client.call(HomewardClient.request { $0.status = .init() }).clusterStatus
            await client.close()
            return status.sightings
        }
        let before = try await storedSightings()
        var run = makeRun(generated, client: endpoint, alerts: config.coordinator.alertsEndpoint, timeline: timeline, settle: settle,
                          photos: photos)
        run.keys = keys
        var (report, details) = try await run.runWithDetails()
        if let photos { try PhotoSurgeCheck.apply(photos, details: details, config: config, to: &report) }
        // From outside, the coordinator's count of stored sightings is what we can
        // see: exact when nothing else submits during the run.
        let after = try await storedSightings()
        report.lost = max(0, report.sightingsAcknowledged - Int(after &- before))
        return report
    }
}

import ArgumentParser
import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver
import HomewardSecurity
import Workload

/// `homeward loadtest`: replays a scenario from `load-tests/scenarios/` against
/// a cluster and writes its report. `load-tests/run` wraps it (build, plots).
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Replay a load-test scenario against a local cluster (default) or a running one, and write its report.")

    @Argument(help: "Scenario file, or a name in load-tests/scenarios/ (steady, campaign, repost-storm, national-peak, fresh-abduction).")
    var scenario: String
    @Flag(help: "The scenario's short form: a smaller case base, the same rates for less time.")
    var short = false
    @Option(help: "Config of a running cluster to load (its coordinator endpoints); absent: start a local cluster.")
    var cluster: String?
    @Option(help: "Config of the local cluster to start (when --cluster is absent).")
    var config = "cluster-config/local.json"
    @Option(help: "Report folder (default: load-tests/results/<scenario>-<UTC time>).")
    var out: String?
    @Option(help: "Seconds to wait for outstanding alerts after the last acknowledgement.")
    var settle = 30
    @Flag(help: "Exit 0 even when something was lost, missing, unexpected or duplicated.")
    var noCheck = false

    func run() async throws {
        let path = scenario.hasSuffix(".json") ? scenario : "load-tests/scenarios/\(scenario).json"
        var chosen = try Scenario.load(path: path)
        if short { chosen = chosen.shortened }
        let configPath = cluster ?? config
        let clusterConfig: ClusterConfig
        do { clusterConfig = try ClusterConfig.load(path: configPath) } catch { throw ValidationError(error.description) }
        let folder = out ?? "load-tests/results/\(chosen.name)\(short ? "-short" : "")-\(Self.timestamp())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let started = ContinuousClock.now
        let generated = try Self.generate(chosen, config: clusterConfig, configPath: configPath)
        let w = generated.workload
        print("\(chosen.name)\(short ? " (short)" : ""): \(w.cases.count) cases, \(w.stream.count) events over \(String(format: "%.0f", chosen.totalSeconds + (chosen.viral == nil ? 0 : 1))) s "
            + "(\(w.spec.sightings) unique, \(w.spec.reposts) reposts, \(w.spec.lateCases) cases during the run); generated in \(started.duration(to: .now))")

        let timeline = RunTimeline()
        let report: RunReport
        if let cluster {
            print("against the running cluster of \(cluster): \(clusterConfig.coordinator.clientEndpoint)")
            report = try await Self.runRemote(generated, config: clusterConfig, configPath: configPath, timeline: timeline, settle: settle)
        } else {
            report = try await Self.runLocal(generated, configPath: configPath, config: clusterConfig,
                                             runDirectory: (folder as NSString).appendingPathComponent("cluster"), timeline: timeline, settle: settle)
        }
        let files = LoadTestReportFiles(folder: folder, scenario: chosen, short: short, target: cluster ?? "local cluster (\(config))")
        try files.write(report: report, timeline: timeline.seconds)
        print(Summary.text(report))
        print("report: \(files.markdownPath)")
        if !noCheck, !files.correct(report) {
            print("FAILED: something acknowledged was lost, or an alert was missing, unexpected or duplicated")
            throw ExitCode(1)
        }
    }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: Date())
    }

    static func generate(_ scenario: Scenario, config: ClusterConfig, configPath: String) throws -> ScenarioWorkload {
        let geo = try GeoData(directory: GeoData.directory(forConfig: configPath))
        var spec = WorkloadSpec()
        spec.seed = scenario.seed
        spec.initialCases = scenario.cases
        spec.faceThreshold = config.matching.faceThreshold
        spec.dimension = config.matching.dimension
        spec.now = Int64(Date().timeIntervalSince1970)
        let base = WorkloadGenerator(spec: spec, places: geo.places, reachTiers: try config.reachTierTable(),
                                     markVocabulary: config.matching.markVocabulary.isEmpty ? nil : config.matching.markVocabulary)
        return try ScenarioGenerator(scenario: scenario, base: base, cities: geo.placesByCityName).generate()
    }

    static func makeRun(_ generated: ScenarioWorkload, client: String, alerts: String, timeline: RunTimeline, settle: Int) -> ClusterRun {
        var run = ClusterRun(clientEndpoint: client, alertsEndpoint: alerts, workload: generated.workload, rate: 1)
        run.offsets = generated.offsets
        run.freshSightings = generated.freshSightings
        run.timeline = timeline
        run.settle = .seconds(settle)
        // A subscriber that fell behind catches up from the alert store, as the
        // docs tell subscribers to; the report counts those alerts apart.
        run.catchUpTopics = Array(Set(generated.workload.cases.map(\.province))).sorted() + ["000000"]
        return run
    }

    static func runLocal(_ generated: ScenarioWorkload, configPath: String, config: ClusterConfig, runDirectory: String,
                         timeline: RunTimeline, settle: Int) async throws -> RunReport {
        let cluster = LocalCluster(configPath: configPath, runDirectory: runDirectory)
        defer { cluster.stop() }
        try await cluster.startCoordinator()
        for worker in config.workers { try cluster.startWorker(worker.id.rawValue) }
        try await cluster.waitForWorkers(config.workers.count)
        print("local cluster up: coordinator and \(config.workers.count) workers; logs in \(runDirectory)")
        var run = makeRun(generated, client: cluster.clientEndpoint, alerts: cluster.alertsEndpoint, timeline: timeline, settle: settle)
        run.keys = try cluster.runKeys()
        var (report, details) = try await run.runWithDetails()
        cluster.stop()
        // Exact: every acknowledged id must be in the coordinator's database.
        let stored = try cluster.storedSightingIDs()
        report.lost = details.sightingIDs.values.filter { !stored.contains($0) }.count
        return report
    }

    static func runRemote(_ generated: ScenarioWorkload, config: ClusterConfig, configPath: String, timeline: RunTimeline, settle: Int) async throws -> RunReport {
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
        var run = makeRun(generated, client: endpoint, alerts: config.coordinator.alertsEndpoint, timeline: timeline, settle: settle)
        run.keys = keys
        var report = try await run.run()
        // From outside, the coordinator's count of stored sightings is what we can
        // see: exact when nothing else submits during the run.
        let after = try await storedSightings()
        report.lost = max(0, report.sightingsAcknowledged - Int(after &- before))
        return report
    }
}

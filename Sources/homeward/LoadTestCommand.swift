import ArgumentParser
import ClusterCore
import Foundation
import HomewardClient
import HomewardDriver
import PhotoPipeline
import Workload

/// `homeward loadtest`: replays a scenario from `load-tests/scenarios/` against
/// a cluster and writes its report. `load-tests/run` wraps it (build, plots).
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Replay a load-test scenario against a local cluster (default) or a running one, and write its report.")

    @Argument(help: "Scenario file, or a name in load-tests/scenarios/ (steady, campaign, repost-storm, national-peak, fresh-abduction, photo-surge).")
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
    @Flag(help: "Exit 0 even when the run is not correct (an error, a submission never acknowledged, anything lost, missing, unexpected or duplicated).")
    var noCheck = false

    func run() async throws {
        // photo-surge extracts faces here for its ground truth: OpenBLAS must load with its core type set.
        OpenBLASCoreType.reexecIfUnset()
        let path = scenario.hasSuffix(".json") ? scenario : "load-tests/scenarios/\(scenario).json"
        var chosen = try Scenario.load(path: path)
        if short { chosen = chosen.shortened }
        let configPath = cluster ?? config
        let clusterConfig: ClusterConfig
        do { clusterConfig = try ClusterConfig.load(path: configPath) } catch { throw ValidationError(error.description) }
        let folder = out ?? "load-tests/results/\(chosen.name)\(short ? "-short" : "")-\(LoadTest.timestamp())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let started = ContinuousClock.now
        let generator = try LoadTest.generator(chosen, config: clusterConfig, configPath: configPath)
        var generated = try generator.generate()
        var photos: PhotoSurgeWorkload?
        if let spec = chosen.photos {
            var built = try await PhotoSurgeWorkload.build(from: generated, photos: spec, base: generator.base, seed: chosen.seed)
            try built.markExpectedAlerts(config: clusterConfig)
            generated = built.generated
            photos = built
        }
        let w = generated.workload
        print("\(chosen.name)\(short ? " (short)" : ""): \(w.cases.count) cases, \(w.stream.count) events over \(String(format: "%.0f", chosen.totalSeconds + (chosen.viral == nil ? 0 : 1))) s "
            + "(\(w.spec.sightings) unique, \(w.spec.reposts) reposts, \(w.spec.lateCases) cases during the run); generated in \(started.duration(to: .now))")

        let timeline = RunTimeline()
        let report: RunReport
        if let cluster {
            print("against the running cluster of \(cluster): \(clusterConfig.coordinator.clientEndpoint)")
            report = try await LoadTest.runRemote(generated, config: clusterConfig, configPath: configPath, timeline: timeline, settle: settle,
                                                 photos: photos)
        } else {
            report = try await LoadTest.runLocal(generated, configPath: configPath, config: clusterConfig,
                                             runDirectory: (folder as NSString).appendingPathComponent("cluster"), timeline: timeline, settle: settle,
                                             photos: photos)
        }
        let files = LoadTestReportFiles(folder: folder, scenario: chosen, short: short, target: cluster ?? "local cluster (\(config))")
        try files.write(report: report, timeline: timeline.seconds)
        print(report.summaryText)
        print("report: \(files.markdownPath)")
        if !noCheck, !report.isCorrect {
            print("FAILED: " + report.problems.joined(separator: "; "))
            throw ExitCode(1)
        }
    }
}

import ClusterCore
import Foundation
import Workload

extension LoadTest {
    /// `homeward loadtest`: generates `scenario` (its short form if `short`),
    /// runs it against the running cluster of `runningCluster` or else a local
    /// cluster of `config` that it starts, writes the report into `out`
    /// (default: load-tests/results/<scenario>-<UTC time>) and prints its summary.
    public static func runScenario(
        _ scenario: Scenario, short: Bool, config: ClusterConfig, configPath: String, runningCluster: String?,
        localConfig: String, out: String?, settle: Int
    ) async throws -> RunReport {
        let chosen = short ? scenario.shortened : scenario
        let folder = out ?? "load-tests/results/\(chosen.name)\(short ? "-short" : "")-\(timestamp())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let started = ContinuousClock.now
        let generator = try LoadTest.generator(chosen, config: config, configPath: configPath)
        var generated = try generator.generate()
        var photos: PhotoSurgeWorkload?
        if let spec = chosen.photos {
            var built = try await PhotoSurgeWorkload.build(from: generated, photos: spec, base: generator.base, seed: chosen.seed)
            try built.markExpectedAlerts(config: config)
            generated = built.generated
            photos = built
        }
        let w = generated.workload
        print("\(chosen.name)\(short ? " (short)" : ""): \(w.cases.count) cases, \(w.stream.count) events over \(String(format: "%.0f", chosen.totalSeconds + (chosen.viral == nil ? 0 : 1))) s "
            + "(\(w.spec.sightings) unique, \(w.spec.reposts) reposts, \(w.spec.lateCases) cases during the run); generated in \(started.duration(to: .now))")

        let timeline = RunTimeline()
        let report: RunReport
        if let runningCluster {
            print("against the running cluster of \(runningCluster): \(config.coordinator.clientEndpoint)")
            report = try await runRemote(generated, config: config, configPath: configPath, timeline: timeline, settle: settle,
                                         photos: photos)
        } else {
            report = try await runLocal(generated, configPath: configPath, config: config,
                                        runDirectory: (folder as NSString).appendingPathComponent("cluster"), timeline: timeline, settle: settle,
                                        photos: photos)
        }
        let files = LoadTestReportFiles(folder: folder, scenario: chosen, short: short, target: runningCluster ?? "local cluster (\(localConfig))")
        try files.write(report: report, timeline: timeline.seconds)
        print(report.summaryText)
        print("report: \(files.markdownPath)")
        return report
    }
}

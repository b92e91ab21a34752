import ArgumentParser
import ClusterCore
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
        let chosen = try Scenario.load(path: scenario.hasSuffix(".json") ? scenario : "load-tests/scenarios/\(scenario).json")
        let clusterConfig: ClusterConfig
        do { clusterConfig = try ClusterConfig.load(path: cluster ?? config) } catch { throw ValidationError(error.description) }
        let report = try await LoadTest.runScenario(chosen, short: short, config: clusterConfig, configPath: cluster ?? config,
                                                    runningCluster: cluster, localConfig: config, out: out, settle: settle)
        if !noCheck, !report.isCorrect {
            print("FAILED: " + report.problems.joined(separator: "; "))
            throw ExitCode(1)
        }
    }
}

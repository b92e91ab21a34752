import ArgumentParser
import Foundation
import HomewardDriver
import Workload

struct BenchCluster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Coordinator, workers and load generator on this machine: sustained unique sightings/s and submit→alert latency.")

    @Option(help: "Cluster config file (JSON).") var config = "cluster-config/local.json"
    @Option(help: "Cases in the case base.") var cases = 100_000
    @Option(help: "Unique sightings streamed.") var sightings = 20_000
    @Option(help: "Offered sightings per second.") var rate = 2_000.0
    @Option(help: "Workload seed.") var seed: UInt64 = 7
    @Flag(help: "One JSON object with unique_per_s, p50_ms, p99_ms, rows_admitted_per_sighting, rows_scanned_per_sighting and the rest.") var json = false
    @Flag(help: "Run twice, with CURVE (as configured) and in plain text, and print the ratio.") var comparePlain = false
    @Option(help: "Write the run's second-by-second timeline (rates, alert p50/p99, queue depths) to this JSON file.")
    var timeline: String?

    func run() async throws {
        var spec = WorkloadSpec()
        spec.seed = seed
        spec.initialCases = cases
        spec.sightings = sightings
        spec.reposts = 0
        let folder = ".bench/cluster-\(Int(Date().timeIntervalSince1970))"
        if comparePlain {
            try await Self.curveCost(configPath: config, spec: spec, rate: rate, folder: folder, json: json)
            return
        }
        var session = ClusterSession(configPath: config, runDirectory: folder, spec: spec, rate: rate)
        session.replayGateScan = true
        let seconds = timeline.map { _ in RunTimeline() }
        session.timeline = seconds
        let report = try await session.run { line in if !json { print(line) } }
        if let timeline, let seconds {
            try JSONEncoder().encode(seconds.seconds).write(to: URL(fileURLWithPath: timeline))
        }
        if json {
            print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        } else {
            print(report.summaryText)
        }
    }
}

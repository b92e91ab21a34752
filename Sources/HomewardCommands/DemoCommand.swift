import ArgumentParser
import HomewardDriver

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a local cluster, load generated cases, stream sightings and show the alerts.",
        discussion: """
            Starts a coordinator and the config's workers as separate processes on loopback,
            registers a generated national case base, streams generated sightings (some are
            true re-sightings of cases), prints live alerts and a summary, and stops everything.
            Data is synthetic; nothing here is a real child.
            """)

    @OptionGroup var config: ConfigOptions
    @Option(help: "Cases registered before the stream.") var cases = 50_000
    @Option(help: "Unique sightings streamed.") var sightings = 5_000
    @Option(help: "Sightings per second offered.") var rate = 1_000.0
    @Option(help: "Workload seed.") var seed: UInt64 = 1
    @Option(help: "Live alerts to print.") var show = 20
    @Option(help: "Folder for the run's database and logs (default: a new folder under .demo/).") var runDirectory: String?
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func run() async throws {
        let report = try await ClusterSession.demo(configPath: config.config, cases: cases, sightings: sightings, rate: rate, seed: seed,
                                                   show: show, runDirectory: runDirectory, json: json)
        if report.missing > 0 { throw ExitCode(1) }
    }
}

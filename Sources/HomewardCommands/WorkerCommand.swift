import ArgumentParser
import HomewardCluster
import HomewardOps
import PhotoPipeline

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a worker: hold the cases of its shards and match sightings against them.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var log: LogOptions
    @OptionGroup var ops: OpsOptions

    @Option(help: "This worker's id, as listed under `workers` in the config.")
    var id: String

    @Option(help: "Coordinator worker endpoint (default: from the config).")
    var coordinator: String?

    @Option(help: "Coordinator control endpoint, its distributed actors (default: from the config).")
    var control: String?

    @Option(help: "Key to connect with (default: worker-ID, made by `homeward keys init`).")
    var key: String?

    @Option(help: "Matcher actors per shard (default: one per core, divided among the shards).")
    var matchers: Int?

    func run() async throws {
        // Before anything else: OpenBLAS must load with its core type set (docs/photo-pipeline.md).
        OpenBLASCoreType.reexecIfUnset()
        log.bootstrap()
        var cluster = try config.load()
        guard let me = cluster.workers.first(where: { $0.id.rawValue == id }) else {
            throw ValidationError("worker \(id) is not listed under `workers` in \(config.config)")
        }
        if let coordinator { cluster.coordinator.workerEndpoint = coordinator }
        if let control { cluster.coordinator.controlEndpoint = control }
        try await WorkerProcess.run(
            me, config: cluster, configPath: config.config, key: key, matchers: matchers,
            ops: ops.endpoint(configured: me.opsEndpoint ?? "http://127.0.0.1:0"), opsEndpointFile: ops.opsEndpointFile,
            metrics: MetricsSetup.bootstrap())
    }
}

import ArgumentParser
import ClusterCore
import Foundation
import HomewardCluster
import HomewardSecurity
import Logging

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a worker: hold the cases of its shards and match sightings against them.")

    @OptionGroup var config: ConfigOptions

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
        var cluster = try config.load()
        guard let me = cluster.workers.first(where: { $0.id.rawValue == id }) else {
            throw ValidationError("worker \(id) is not listed under `workers` in \(config.config)")
        }
        if let coordinator { cluster.coordinator.workerEndpoint = coordinator }
        if let control { cluster.coordinator.controlEndpoint = control }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let matchers = self.matchers ?? me.matchers ?? max(1, cores)
        let extractors = me.extractors ?? max(1, cores)
        var service = WorkerService(id: me.id, config: cluster, matchersPerShard: matchers, extractors: extractors,
                                    logger: Logger(label: "homeward.worker"))
        service.curve = try ClientKeys.curve(name: key ?? "worker-\(id)", config: cluster, configPath: config.config)
        try await service.run()
    }
}

import ClusterCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension LocalCluster {
    /// Waits until every worker holds the cases of its shards (`casesPerShard`,
    /// by shard name), read from its `homeward_worker_cases{shard}` gauges. The
    /// coordinator acknowledges a case when it is stored; its workers apply it
    /// later, in order. A benchmark that starts its stream before then measures
    /// the workers' loading, not their matching.
    public func waitForWorkersToHold(casesPerShard: [String: Int], config: ClusterConfig,
                                     timeout: Duration = .seconds(300)) async throws {
        let shardMap = try config.shardMap()
        let deadline = ContinuousClock.now + timeout
        for worker in config.workers {
            let expected = shardMap.shards(on: worker.id).reduce(0) { $0 + (casesPerShard[$1.rawValue] ?? 0) }
            var held = -1
            while held < expected {
                guard ContinuousClock.now < deadline else {
                    throw LaunchError(description: "worker \(worker.id) holds \(held) of \(expected) cases after \(timeout); logs in \(runDirectory)")
                }
                if let endpoint = opsEndpoint("worker-\(worker.id.rawValue)"),
                   let url = URL(string: endpoint + "/metrics"),
                   let (data, _) = try? await URLSession.shared.data(from: url) {
                    held = Self.casesHeld(metricsPage: String(decoding: data, as: UTF8.self))
                }
                if held < expected { try await Task.sleep(for: .milliseconds(200)) }
            }
        }
    }

    /// The sum of the `homeward_worker_cases{…}` samples of a Prometheus text page.
    static func casesHeld(metricsPage: String) -> Int {
        metricsPage.split(separator: "\n").reduce(0) { sum, line in
            guard line.hasPrefix("homeward_worker_cases{"), let value = line.split(separator: " ").last,
                  let n = Double(value) else { return sum }
            return sum + Int(n)
        }
    }
}

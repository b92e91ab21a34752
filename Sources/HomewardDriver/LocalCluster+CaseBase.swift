import ClusterCore
import Foundation
import Workload
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension LocalCluster {
    /// Waits until every worker holds the initial cases of `workload` that fall
    /// in its shards, read from its `homeward_worker_cases{shard}` gauges; false
    /// if that takes longer than `timeout`. The coordinator acknowledges a case
    /// once it is stored; its workers apply it later, in order. A run that starts
    /// its stream before then measures the workers' loading, not their matching.
    public func waitForWorkersToHold(caseBaseOf workload: Workload, config: ClusterConfig,
                                     timeout: Duration = .seconds(120)) async throws -> Bool {
        let shardMap = try config.shardMap()
        var perShard: [ShardID: Int] = [:]
        for c in workload.cases.prefix(workload.spec.initialCases) { perShard[shardMap.shard(forProvince: c.province), default: 0] += 1 }
        let deadline = ContinuousClock.now + timeout
        for worker in config.workers {
            let expected = shardMap.shards(on: worker.id).reduce(0) { $0 + (perShard[$1] ?? 0) }
            while await casesHeld(worker: worker.id) < expected {
                guard ContinuousClock.now < deadline else { return false }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        return true
    }

    /// Cases a worker reports holding over all its shards (-1 when its ops endpoint does not answer).
    func casesHeld(worker: WorkerID) async -> Int {
        guard let endpoint = opsEndpoint("worker-\(worker.rawValue)"), let url = URL(string: endpoint + "/metrics"),
              let (data, _) = try? await URLSession.shared.data(from: url) else { return -1 }
        return Self.casesHeld(metricsPage: String(decoding: data, as: UTF8.self))
    }

    /// The sum of the `homeward_worker_cases{…}` samples of a Prometheus text page.
    static func casesHeld(metricsPage: String) -> Int {
        metricsPage.split(separator: "\n").reduce(0) { sum, line in
            guard line.hasPrefix("homeward_worker_cases{"), let value = line.split(separator: " ").last,
                  let n = Double(value) else { return sum }
            return sum + Int(n)
        }
    }

    /// `ClusterRun.afterRegistering` for a local run of `workload`.
    public func caseBaseBarrier(_ workload: Workload, config: ClusterConfig,
                                log: @escaping @Sendable (String) -> Void) -> @Sendable () async throws -> Void {
        { [self] in
            if try await !waitForWorkersToHold(caseBaseOf: workload, config: config) {
                log("warning: the workers did not hold the whole case base within 120 s; streaming anyway")
            }
        }
    }
}

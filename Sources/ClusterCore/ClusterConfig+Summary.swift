extension ClusterConfig {
    /// What `homeward config check` prints for a valid config: its
    /// coordinator endpoints, its workers and each shard's provinces and replicas.
    public func summary(file: String) throws -> String {
        let map = try shardMap()
        var lines = [
            "\(file): valid",
            "  coordinator: clients \(coordinator.clientEndpoint), workers \(coordinator.workerEndpoint), ops \(coordinator.opsEndpoint)",
            "  workers: \(workers.count) (\(workers.map(\.id.rawValue).joined(separator: ", ")))",
        ]
        for shard in map.shards {
            lines.append("  shard \(shard.id): \(shard.provinces.count) provinces on \(shard.replicas.map(\.rawValue).joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}

import Testing
@testable import ClusterCore

/// What `homeward config check` prints, and the coordinator's endpoints chosen
/// on the command line (`--endpoints`, `--ephemeral-ports`).
@Suite struct ClusterConfigCommandLineTests {
    @Test func summaryNamesEndpointsWorkersAndShards() throws {
        let config = try ClusterConfig.load(path: ClusterConfigTests.localConfigPath)
        let lines = try config.summary(file: "local.json").split(separator: "\n").map(String.init)
        #expect(lines[0] == "local.json: valid")
        #expect(lines[1] == "  coordinator: clients tcp://127.0.0.1:5570, workers tcp://127.0.0.1:5572, ops http://127.0.0.1:5580")
        #expect(lines[2] == "  workers: 2 (w1, w2)")
        #expect(lines.count == 3 + 6)
        #expect(lines.contains("  shard south-central: 8 provinces on w1, w2"))
    }

    @Test func rebindingReplacesTheFourSocketsAndFreePortsTheOpsEndpointToo() {
        var coordinator = ClusterConfig.Coordinator()
        let ops = coordinator.opsEndpoint
        coordinator.rebind(["tcp://a:1", "tcp://b:2", "tcp://c:3", "tcp://d:4"])
        #expect([coordinator.clientEndpoint, coordinator.alertsEndpoint, coordinator.workerEndpoint, coordinator.controlEndpoint]
            == ["tcp://a:1", "tcp://b:2", "tcp://c:3", "tcp://d:4"])
        #expect(coordinator.opsEndpoint == ops)
        coordinator.rebindToFreeLoopbackPorts()
        #expect([coordinator.clientEndpoint, coordinator.alertsEndpoint, coordinator.workerEndpoint, coordinator.controlEndpoint]
            == Array(repeating: "tcp://127.0.0.1:*", count: 4))
        #expect(coordinator.opsEndpoint == "http://127.0.0.1:0")
    }
}

extension ClusterConfig.Coordinator {
    /// Binds the coordinator's four sockets to `endpoints` (client, alerts,
    /// workers, control) instead of the config's: `homeward coordinator
    /// --endpoints`, e.g. to restart on the ports a previous run bound.
    public mutating func rebind(_ endpoints: [String]) {
        precondition(endpoints.count == 4, "client, alerts, workers and control endpoints")
        clientEndpoint = endpoints[0]
        alertsEndpoint = endpoints[1]
        workerEndpoint = endpoints[2]
        controlEndpoint = endpoints[3]
    }

    /// Every socket and the ops endpoint on a free loopback port (`--ephemeral-ports`).
    public mutating func rebindToFreeLoopbackPorts() {
        rebind(Array(repeating: "tcp://127.0.0.1:*", count: 4))
        opsEndpoint = "http://127.0.0.1:0"
    }
}

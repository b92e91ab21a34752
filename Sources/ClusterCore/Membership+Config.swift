extension Membership.Timing {
    /// The timings of a cluster config's `heartbeat` section.
    public init(_ h: ClusterConfig.Heartbeat) {
        self.init(heartbeatInterval: .milliseconds(h.intervalMilliseconds), suspectAfter: .milliseconds(h.suspectAfterMilliseconds),
                  deadAfter: .milliseconds(h.deadAfterMilliseconds))
    }
}

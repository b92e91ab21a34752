import ZeroMQ

extension ClusterActorSystem {
    /// How a node listens and calls. Defaults suit loopback tests; the cluster
    /// sets `bind`/`advertisedEndpoint`, queue bounds and CURVE.
    public struct Configuration: Sendable {
        /// Where the node's ROUTER binds for incoming calls.
        public var bind = "tcp://127.0.0.1:*"
        /// The endpoint other nodes connect to, written into every local actor id.
        /// `nil` uses the bound endpoint (right for loopback and explicit addresses,
        /// wrong for a wildcard bind such as `tcp://*:7101`).
        public var advertisedEndpoint: String?
        /// Deadline of a call when `ClusterActorSystem.$callTimeout` is not set.
        public var defaultCallTimeout: Duration = .seconds(5)
        /// How often expired calls are failed; a timeout fires up to this late.
        public var deadlineSweepInterval: Duration = .milliseconds(5)
        /// Incoming calls executing at once; more wait in the inbox, then in libzmq.
        public var maxConcurrentIncomingCalls = 512
        /// Incoming calls read from the ROUTER but not started.
        public var incomingQueueLimit = 1_024
        /// SNDHWM/RCVHWM of the ROUTER and every peer DEALER.
        public var highWaterMark: Int32 = 10_000
        /// ZMQ_MAXMSGSIZE on the ROUTER: a larger call disconnects its sender.
        public var maxMessageSize: Int64? = 64 << 20
        /// ZMTP heartbeats on every connection (liveness of the link, not of the actors).
        public var heartbeat: ZMQSocketOptions.Heartbeat? = .init(intervalMs: 1_000, timeoutMs: 3_000, ttlMs: 6_000)
        /// CURVE for incoming and outgoing connections; `nil` is plain text.
        public var curve: Curve?
        /// Where the socket loop reports errors nobody awaits (e.g. a reply to a caller that left).
        public var onTransportError: @Sendable (ZMQError) -> Void = { _ in }

        public init() {}
    }

    /// CURVE settings of a node: its server keys (for its ROUTER), the ZAP
    /// authenticator deciding which client keys may call it, its client keys
    /// (for calls it makes), and the server public key of each peer node.
    public struct Curve: Sendable {
        public var serverKeys: ZMQCurveKeyPair
        public var authenticator: ZAPAuthenticator
        public var clientKeys: ZMQCurveKeyPair
        public var peerServerKey: @Sendable (_ endpoint: String) -> ZMQCurveKey?
        /// ZAP domain of the ROUTER (lets one policy admit different roles per socket).
        public var zapDomain = "cluster"

        public init(
            serverKeys: ZMQCurveKeyPair, authenticator: ZAPAuthenticator, clientKeys: ZMQCurveKeyPair,
            peerServerKey: @escaping @Sendable (_ endpoint: String) -> ZMQCurveKey?
        ) {
            self.serverKeys = serverKeys
            self.authenticator = authenticator
            self.clientKeys = clientKeys
            self.peerServerKey = peerServerKey
        }
    }
}

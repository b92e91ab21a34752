/// Options applied when a socket opens. High-water marks are required so every
/// queue in the cluster has a bound someone chose; `LINGER` defaults to 0 so
/// closing a socket never blocks on undelivered messages.
public struct ZMQSocketOptions: Sendable, Equatable {
    /// `ZMQ_SNDHWM`: messages queued per peer before sends block or fail with `EAGAIN`.
    public var sendHighWaterMark: Int32
    /// `ZMQ_RCVHWM`: messages queued per peer on the receive side.
    public var receiveHighWaterMark: Int32
    /// `ZMQ_LINGER` in milliseconds; 0 drops unsent messages at close.
    public var lingerMs: Int32 = 0
    /// `ZMQ_MAXMSGSIZE` in bytes: a peer sending a larger message is disconnected
    /// and the message dropped. `nil` is no limit.
    public var maxMessageSize: Int64?
    /// `ZMQ_ROUTER_MANDATORY`: a ROUTER send to an unknown routing id fails with
    /// `EHOSTUNREACH` instead of being dropped silently.
    public var routerMandatory = false
    /// `ZMQ_ROUTING_ID` (formerly `ZMQ_IDENTITY`), 1–255 bytes, not starting with 0.
    public var routingID: [UInt8]?
    /// `ZMQ_SUBSCRIBE` prefixes for SUB sockets (an empty prefix subscribes to all).
    public var subscriptions: [[UInt8]] = []
    /// `ZMQ_RCVTIMEO` / `ZMQ_SNDTIMEO` in milliseconds for blocking calls; `nil` waits forever.
    public var receiveTimeoutMs: Int32?
    public var sendTimeoutMs: Int32?
    /// `ZMQ_IMMEDIATE`: queue only to completed connections.
    public var immediate = false
    /// `ZMQ_RECONNECT_IVL` / `ZMQ_RECONNECT_IVL_MAX` in milliseconds.
    public var reconnectIntervalMs: Int32?
    public var reconnectIntervalMaxMs: Int32?
    /// TCP keepalive (`ZMQ_TCP_KEEPALIVE*`), `nil` leaves the OS default.
    public var tcpKeepalive: TCPKeepalive?
    /// ZMTP heartbeats (`ZMQ_HEARTBEAT_*`): they detect a dead connection below
    /// the application; application liveness needs its own heartbeats.
    public var heartbeat: Heartbeat?
    /// CURVE security, `nil` for plain text.
    public var curve: ZMQCurveRole?
    /// `ZMQ_ZAP_DOMAIN`: the domain the ZAP handler sees for this server socket.
    public var zapDomain: String?
    /// `ZMQ_XPUB_MANUAL` on an XPUB: subscriptions reach the application (with
    /// the subscriber's `User-Id`) and take effect only when it calls
    /// `subscribe` for them, which is how topics are enforced per subscriber.
    public var xpubManual = false

    public init(sendHighWaterMark: Int32, receiveHighWaterMark: Int32) {
        self.sendHighWaterMark = sendHighWaterMark
        self.receiveHighWaterMark = receiveHighWaterMark
    }

    public struct TCPKeepalive: Sendable, Equatable {
        public var idleSeconds: Int32
        public var intervalSeconds: Int32
        public var count: Int32
        public init(idleSeconds: Int32, intervalSeconds: Int32, count: Int32) {
            self.idleSeconds = idleSeconds
            self.intervalSeconds = intervalSeconds
            self.count = count
        }
    }

    public struct Heartbeat: Sendable, Equatable {
        /// `ZMQ_HEARTBEAT_IVL`: send a PING this often.
        public var intervalMs: Int32
        /// `ZMQ_HEARTBEAT_TIMEOUT`: close the connection if nothing arrives this long after a PING.
        public var timeoutMs: Int32
        /// `ZMQ_HEARTBEAT_TTL`: asks the peer to time us out after this long (rounded to 100 ms).
        public var ttlMs: Int32
        public init(intervalMs: Int32, timeoutMs: Int32, ttlMs: Int32) {
            self.intervalMs = intervalMs
            self.timeoutMs = timeoutMs
            self.ttlMs = ttlMs
        }
    }
}

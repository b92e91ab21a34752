import CZeroMQ

/// One event of a socket monitor (`zmq_socket_monitor`): what happened to a
/// connection of the monitored socket. libzmq sends each as two frames on an
/// inproc PAIR: 6 bytes (event, 16-bit; value, 32-bit; host byte order) and
/// the endpoint's text.
public struct ZMQMonitorEvent: Sendable, Equatable, CustomStringConvertible {
    /// The event kinds, as `zmq_socket_monitor` takes them (a mask) and reports them (one bit).
    public struct Kind: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let connected = Kind(rawValue: UInt32(ZMQ_EVENT_CONNECTED))
        public static let connectDelayed = Kind(rawValue: UInt32(ZMQ_EVENT_CONNECT_DELAYED))
        public static let connectRetried = Kind(rawValue: UInt32(ZMQ_EVENT_CONNECT_RETRIED))
        public static let listening = Kind(rawValue: UInt32(ZMQ_EVENT_LISTENING))
        public static let accepted = Kind(rawValue: UInt32(ZMQ_EVENT_ACCEPTED))
        public static let closed = Kind(rawValue: UInt32(ZMQ_EVENT_CLOSED))
        /// The peer's TCP connection ended (for a connecting socket: libzmq will reconnect).
        public static let disconnected = Kind(rawValue: UInt32(ZMQ_EVENT_DISCONNECTED))
        public static let monitorStopped = Kind(rawValue: UInt32(ZMQ_EVENT_MONITOR_STOPPED))
        /// The security handshake (CURVE, and the server's ZAP check) succeeded.
        public static let handshakeSucceeded = Kind(rawValue: UInt32(ZMQ_EVENT_HANDSHAKE_SUCCEEDED))
        public static let handshakeFailedNoDetail = Kind(rawValue: UInt32(ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL))
        public static let handshakeFailedProtocol = Kind(rawValue: UInt32(ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL))
        /// The server refused the key (its ZAP handler answered other than 200).
        public static let handshakeFailedAuth = Kind(rawValue: UInt32(ZMQ_EVENT_HANDSHAKE_FAILED_AUTH))
        public static let all = Kind(rawValue: UInt32(ZMQ_EVENT_ALL))
    }

    public var kind: Kind
    /// The event's value: a file descriptor, an errno, a retry interval or a ZAP status code, by kind.
    public var value: UInt32
    public var endpoint: String

    public init(kind: Kind, value: UInt32, endpoint: String) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
    }

    /// Decodes the two frames libzmq sends; nil for anything else.
    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        let head = frames[0]
        let event = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
        value = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        kind = Kind(rawValue: UInt32(event))
        endpoint = String(decoding: frames[1], as: UTF8.self)
    }

    public var description: String {
        let names: [(Kind, String)] = [
            (.connected, "connected"), (.connectDelayed, "connect-delayed"), (.connectRetried, "connect-retried"),
            (.listening, "listening"), (.accepted, "accepted"), (.closed, "closed"), (.disconnected, "disconnected"),
            (.monitorStopped, "monitor-stopped"), (.handshakeSucceeded, "handshake-succeeded"),
            (.handshakeFailedNoDetail, "handshake-failed"), (.handshakeFailedProtocol, "handshake-failed-protocol"),
            (.handshakeFailedAuth, "handshake-failed-auth"),
        ]
        let name = names.first { $0.0 == kind }?.1 ?? "event-\(kind.rawValue)"
        return "\(name)(\(value)) \(endpoint)"
    }
}

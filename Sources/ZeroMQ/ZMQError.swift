import CZeroMQ

/// Every failure of a libzmq call, typed so callers can branch on the ones that
/// mean something (would block, context gone, unroutable peer) and print the rest.
public enum ZMQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `EAGAIN`: a non-blocking call could not proceed now (queue at its
    /// high-water mark, nothing to receive, or a receive timeout expired).
    case wouldBlock(operation: String)
    /// `ETERM`: the context was terminated; the socket is unusable.
    case contextTerminated(operation: String)
    /// `EHOSTUNREACH`: a ROUTER with `ROUTER_MANDATORY` has no peer with that routing id.
    case hostUnreachable(operation: String)
    /// `EFSM`: the socket's state machine forbids this call now (e.g. REQ sending twice).
    case invalidState(operation: String)
    /// `EMSGSIZE`: a message exceeded a size limit.
    case messageTooLarge(operation: String)
    /// `ENOTSUP`, `EPROTONOSUPPORT`, `EINVAL`, `EADDRINUSE`, … : everything else,
    /// with libzmq's own text.
    case other(errno: Int32, operation: String, message: String)
    /// Misuse detected by the wrapper itself (closed socket, bad key text, …).
    case usage(String)

    /// The errno libzmq reported, or 0 for `.usage`.
    public var errno: Int32 {
        switch self {
        case .wouldBlock: czmq_eagain()
        case .contextTerminated: czmq_eterm()
        case .hostUnreachable: czmq_ehostunreach()
        case .invalidState: czmq_efsm()
        case .messageTooLarge: czmq_emsgsize()
        case .other(let code, _, _): code
        case .usage: 0
        }
    }

    public var description: String {
        switch self {
        case .wouldBlock(let op):
            "\(op): would block (EAGAIN) — the peer's queue is at its high-water mark, nothing has arrived yet, or a timeout expired; retry later or raise SNDHWM/RCVHWM"
        case .contextTerminated(let op):
            "\(op): the ZeroMQ context was terminated (ETERM) — the process is shutting down; close this socket and stop using it"
        case .hostUnreachable(let op):
            "\(op): no connected peer has that routing id (EHOSTUNREACH) — the peer disconnected or never connected; drop the reply or wait for it to reconnect"
        case .invalidState(let op):
            "\(op): the socket cannot do this in its current state (EFSM) — e.g. a REQ socket must alternate send and receive"
        case .messageTooLarge(let op):
            "\(op): message too large (EMSGSIZE) — check ZMQ_MAXMSGSIZE on the receiving side"
        case .other(let code, let op, let message):
            "\(op): \(message) (errno \(code))"
        case .usage(let message):
            message
        }
    }

    /// Maps an errno from `zmq_errno()` to the typed error.
    public static func from(errno code: Int32, operation: String) -> ZMQError {
        switch code {
        case czmq_eagain(): .wouldBlock(operation: operation)
        case czmq_eterm(): .contextTerminated(operation: operation)
        case czmq_ehostunreach(): .hostUnreachable(operation: operation)
        case czmq_efsm(): .invalidState(operation: operation)
        case czmq_emsgsize(): .messageTooLarge(operation: operation)
        default: .other(errno: code, operation: operation, message: String(cString: zmq_strerror(code)))
        }
    }
}

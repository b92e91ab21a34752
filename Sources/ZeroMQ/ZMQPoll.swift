import CZeroMQ

/// `zmq_poll` over a set of sockets (libzmq 4.3 without the draft poller API).
public enum ZMQPoll {
    public struct Events: OptionSet, Sendable, Hashable {
        public let rawValue: Int16
        public init(rawValue: Int16) { self.rawValue = rawValue }
        public static let readable = Events(rawValue: Int16(ZMQ_POLLIN))
        public static let writable = Events(rawValue: Int16(ZMQ_POLLOUT))
        public static let error = Events(rawValue: Int16(ZMQ_POLLERR))
    }

    /// Waits until one of `sockets` has one of its requested events, or
    /// `timeoutMs` passes (-1 waits forever, 0 returns at once). Returns the
    /// ready events per socket, in order.
    public static func wait(_ sockets: [(ZMQSocket, Events)], timeoutMs: Int) throws(ZMQError) -> [Events] {
        var items = sockets.map { socket, events in
            zmq_pollitem_t(socket: socket.handle, fd: -1, events: events.rawValue, revents: 0)
        }
        _ = try poll(&items, timeoutMs: timeoutMs)
        return items.map { Events(rawValue: $0.revents) }
    }

    /// The funnelled `zmq_poll`. `EINTR` restarts the wait with the full timeout,
    /// which can only lengthen a wait by the time to the signal; callers recompute timers anyway.
    static func poll(_ items: inout [zmq_pollitem_t], timeoutMs: Int) throws(ZMQError) -> Int32 {
        let count = Int32(items.count)
        return try zmqCall("zmq_poll") {
            items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, timeoutMs) }
        }
    }
}

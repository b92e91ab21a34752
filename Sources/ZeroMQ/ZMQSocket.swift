import CZeroMQ

/// One libzmq socket. libzmq sockets are not thread-safe, so this class is not
/// `Sendable`: it lives on the thread that opened it (in the cluster, the
/// `ZMQSocketLoop` thread). `close()` runs `zmq_close` exactly once (also from `deinit`).
public final class ZMQSocket {
    public let type: ZMQSocketType
    let handle: UnsafeMutableRawPointer
    public private(set) var isClosed = false
    /// Keeps the context alive at least as long as the socket.
    let context: ZMQContext
    /// One `zmq_msg_t` reused by every receive: it must not move while libzmq
    /// uses it, so it lives on the heap rather than in a Swift `var`.
    let scratch = MessageScratch()

    public init(context: ZMQContext, type: ZMQSocketType, options: ZMQSocketOptions) throws(ZMQError) {
        self.context = context
        self.type = type
        handle = try zmqCall("zmq_socket") { zmq_socket(context.handle, type.raw) }
        do {
            try apply(options)
        } catch {
            zmq_close(handle)
            isClosed = true
            throw error
        }
    }

    /// Closes the socket exactly once; later calls do nothing.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        zmq_close(handle)
    }

    deinit { close() }

    func checkOpen(_ operation: String) throws(ZMQError) {
        if isClosed { throw .usage("\(operation): the socket is already closed; open a new one") }
    }

    public func bind(_ endpoint: String) throws(ZMQError) {
        try checkOpen("bind")
        try zmqCall("bind \(endpoint)") { zmq_bind(handle, endpoint) }
    }

    public func connect(_ endpoint: String) throws(ZMQError) {
        try checkOpen("connect")
        try zmqCall("connect \(endpoint)") { zmq_connect(handle, endpoint) }
    }

    public func unbind(_ endpoint: String) throws(ZMQError) {
        try checkOpen("unbind")
        try zmqCall("unbind \(endpoint)") { zmq_unbind(handle, endpoint) }
    }

    public func disconnect(_ endpoint: String) throws(ZMQError) {
        try checkOpen("disconnect")
        try zmqCall("disconnect \(endpoint)") { zmq_disconnect(handle, endpoint) }
    }

    /// `ZMQ_LAST_ENDPOINT`: the endpoint actually bound, e.g. `tcp://127.0.0.1:41234`
    /// after `bind("tcp://127.0.0.1:*")`.
    public func lastEndpoint() throws(ZMQError) -> String {
        let bytes = try bytesOption(ZMQ_LAST_ENDPOINT, capacity: 1024, name: "ZMQ_LAST_ENDPOINT")
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// `ZMQ_EVENTS`: whether a receive (`ZMQ_POLLIN`) or send (`ZMQ_POLLOUT`) would succeed now.
    public func events() throws(ZMQError) -> (readable: Bool, writable: Bool) {
        let value = try int32Option(ZMQ_EVENTS, name: "ZMQ_EVENTS")
        return (value & Int32(ZMQ_POLLIN) != 0, value & Int32(ZMQ_POLLOUT) != 0)
    }
}

/// Heap storage for one `zmq_msg_t`, freed with its socket.
final class MessageScratch {
    let pointer = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
    deinit { pointer.deallocate() }
}

@available(*, unavailable, message: "a ZMQSocket belongs to one thread; hand work to its ZMQSocketLoop instead")
extension ZMQSocket: Sendable {}

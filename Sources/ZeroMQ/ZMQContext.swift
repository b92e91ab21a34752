import CZeroMQ
import Synchronization

/// A libzmq context. libzmq contexts are thread-safe, so this is `Sendable`.
/// `terminate()` runs `zmq_ctx_term` exactly once (also from `deinit`); it blocks
/// until every socket of the context is closed, which is quick because this
/// wrapper opens sockets with `LINGER 0`.
public final class ZMQContext: Sendable {
    /// The raw `void *` as a bit pattern: raw pointers are not `Sendable`, the context is.
    private let handleBits: UInt
    private let terminated = Mutex(false)

    public init(ioThreads: Int32 = 1) throws(ZMQError) {
        let handle: UnsafeMutableRawPointer = try zmqCall("zmq_ctx_new") { zmq_ctx_new() }
        handleBits = UInt(bitPattern: handle)
        try zmqCall("zmq_ctx_set(ZMQ_IO_THREADS)") { zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads) }
    }

    var handle: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: handleBits)! }

    public var isTerminated: Bool { terminated.withLock { $0 } }

    /// Makes blocking calls in other threads fail with `ETERM` without waiting
    /// for sockets to close; `terminate()` must still follow.
    public func shutdown() {
        guard !isTerminated else { return }
        _ = zmq_ctx_shutdown(handle)
    }

    /// Terminates the context exactly once; later calls do nothing.
    public func terminate() {
        let first = terminated.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        // EINTR means "interrupted, call again"; any other failure leaves nothing to retry.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == czmq_eintr() {}
    }

    deinit { terminate() }

    /// libzmq's version, e.g. (4, 3, 4).
    public static var version: (major: Int32, minor: Int32, patch: Int32) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (major, minor, patch)
    }

    /// Whether libzmq was built with a capability ("curve", "ipc", "draft", …).
    public static func has(_ capability: String) -> Bool { zmq_has(capability) == 1 }
}

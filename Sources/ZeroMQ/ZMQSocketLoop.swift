import CZeroMQ
import HomewardBasics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dedicated OS thread that owns a set of sockets and drives them with
/// `zmq_poll`. Other threads never touch those sockets: they enqueue jobs,
/// which an inproc PAIR wakes the loop to run. Incoming messages go to handlers
/// on the loop thread or to `ZMQInbox`es that async code iterates, so no
/// cooperative-pool thread ever blocks in libzmq. `shutdown()` stops the thread,
/// closes the sockets and terminates the loop's own context, exactly once.
public final class ZMQSocketLoop: Sendable {
    public let context: ZMQContext
    public let name: String
    let core: ZMQLoopCore
    private let ownsContext: Bool

    /// Starts the loop thread. Pass `context` to share one with sockets opened
    /// elsewhere (inproc endpoints need that); otherwise the loop makes its own
    /// and terminates it at shutdown.
    public init(
        name: String, context: ZMQContext? = nil, pendingLimit: Int = 10_000,
        onError: @escaping @Sendable (ZMQError) -> Void = { _ in }
    ) throws(ZMQError) {
        self.name = name
        self.ownsContext = context == nil
        let given = context
        let context: ZMQContext
        if let given { context = given } else { context = try ZMQContext() }
        self.context = context
        let endpoint = "inproc://zmq-loop-wake-\(UInt64.random(in: 0...UInt64.max))"
        // No high-water mark on the wake pair: a writer learns that its reader
        // drained the pipe only when it next processes commands (throttled in
        // libzmq), so a bounded pipe can refuse a wake-up that is needed, and the
        // loop would sleep with work queued. Wake-ups are coalesced
        // (`wakePending`), so the pipe holds a handful at most.
        let pairOptions = ZMQSocketOptions(sendHighWaterMark: 0, receiveHighWaterMark: 0)
        // Both halves are made here and bound before the thread starts; the
        // receiver then moves to the loop thread for good (libzmq allows moving a
        // socket between threads across a full memory barrier, which thread start is).
        let receiver = try ZMQSocket(context: context, type: .pair, options: pairOptions)
        try receiver.bind(endpoint)
        let sender = try ZMQSocket(context: context, type: .pair, options: pairOptions)
        try sender.connect(endpoint)
        let core = ZMQLoopCore(wakeSender: sender, wakeEndpoint: endpoint)
        self.core = core
        let ownsContext = self.ownsContext
        let handoff = SocketHandoff(receiver)
        do {
            try DedicatedThread.start(name: name) {
                Self.threadMain(core: core, context: context, ownsContext: ownsContext, wakeReceiver: handoff.socket,
                                pendingLimit: pendingLimit, onError: onError)
            }
        } catch {
            throw .other(errno: error.code, operation: "pthread_create", message: "could not start the socket loop thread")
        }
    }

    private static func threadMain(
        core: ZMQLoopCore, context: ZMQContext, ownsContext: Bool, wakeReceiver: ZMQSocket, pendingLimit: Int,
        onError: @escaping @Sendable (ZMQError) -> Void
    ) {
        let loop = ZMQLoopContext(context: context, core: core, pendingLimit: pendingLimit, onError: onError)
        loop.run(wakeReceiver: wakeReceiver)
        wakeReceiver.close()
        loop.teardown()
        core.wakeSender.withLock { sender in
            sender?.close()
            sender = nil
        }
        _ = core.requestStop()
        for job in core.markStopped() { job(loop) }
        if ownsContext { context.terminate() }
        core.resumeStopWaiters()
    }

    /// Runs `job` on the loop thread. Returns false if the loop has stopped
    /// (the job then runs nowhere; use `perform` to be told with an error).
    @discardableResult
    public func execute(_ job: @escaping @Sendable (ZMQLoopContext) -> Void) -> Bool {
        core.enqueue(job)
    }

    /// Runs `body` on the loop thread and returns its result to async code.
    public func perform<R: Sendable>(_ body: @escaping @Sendable (ZMQLoopContext) throws(ZMQError) -> R) async throws(ZMQError) -> R {
        let result: Result<R, ZMQError> = await withCheckedContinuation { continuation in
            let queued = core.enqueue { loop in
                if loop.isStopped {
                    continuation.resume(returning: .failure(.contextTerminated(operation: "socket loop \(self.name) stopped")))
                    return
                }
                do throws(ZMQError) {
                    continuation.resume(returning: .success(try body(loop)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            if !queued {
                continuation.resume(returning: .failure(.contextTerminated(operation: "socket loop \(name) stopped")))
            }
        }
        return try result.get()
    }

    /// Opens a socket on the loop thread (see `ZMQLoopContext.open`).
    public func open(
        _ type: ZMQSocketType, options: ZMQSocketOptions, bind: [String] = [], connect: [String] = [],
        delivery: ZMQDelivery = .none
    ) async throws(ZMQError) -> ZMQOpenedSocket {
        try await perform { loop throws(ZMQError) in
            try loop.open(type, options: options, bind: bind, connect: connect, delivery: delivery)
        }
    }

    /// Queues a message for `socket`; the loop sends it (or keeps it until the
    /// peer has room). Failures go to `completion` if given, else to `onError`.
    public func send(
        _ frames: [[UInt8]], on socket: ZMQSocketID,
        completion: (@Sendable (Result<Void, ZMQError>) -> Void)? = nil
    ) {
        let queued = core.enqueue { loop in
            do throws(ZMQError) {
                try loop.send(frames, on: socket, completion: completion)
            } catch {
                if let completion { completion(.failure(error)) } else { loop.onError(error) }
            }
        }
        if !queued {
            completion?(.failure(.contextTerminated(operation: "send on \(socket): socket loop \(name) stopped")))
        }
    }

    /// Sends and waits until libzmq accepted the message (or it failed).
    public func sendConfirmed(_ frames: [[UInt8]], on socket: ZMQSocketID) async throws(ZMQError) {
        let result: Result<Void, ZMQError> = await withCheckedContinuation { continuation in
            send(frames, on: socket) { continuation.resume(returning: $0) }
        }
        try result.get()
    }

    /// Closes one socket on the loop thread.
    public func close(_ socket: ZMQSocketID) {
        execute { $0.close(socket) }
    }

    /// Runs `tick` on the loop thread every `interval` (heartbeats, deadline sweeps).
    public func addTimer(
        every interval: Duration, _ tick: @escaping @Sendable (ZMQLoopContext) -> Void
    ) async throws(ZMQError) -> ZMQTimerID {
        try await perform { loop in loop.addTimer(every: interval, tick) }
    }

    public func cancelTimer(_ id: ZMQTimerID) {
        execute { $0.cancelTimer(id) }
    }

    /// Serves ZAP for this loop's context: a REP socket on
    /// `inproc://zeromq.zap.01`, answered on the loop thread from `authenticator`.
    /// Start it before binding CURVE server sockets of the same context.
    @discardableResult
    public func serveZAP(_ authenticator: ZAPAuthenticator) async throws(ZMQError) -> ZMQSocketID {
        let opened = try await open(
            .rep, options: ZMQSocketOptions(sendHighWaterMark: 1000, receiveHighWaterMark: 1000),
            bind: [ZAPAuthenticator.endpoint],
            delivery: .handler { loop, socket, message in
                // REP: the reply goes back on the same socket, before the next request is read.
                try? loop.send(authenticator.reply(to: message.frames), on: socket)
            })
        return opened.id
    }

    /// Stops the thread, closes its sockets and terminates an owned context.
    /// Idempotent; every caller returns once the thread is gone.
    public func shutdown() async {
        _ = core.requestStop()
        await core.waitUntilStopped()
    }

    public var isStopped: Bool { core.state.withLock { $0.stopped } }

    /// A loop nobody can reach any more stops its thread (without waiting for it).
    deinit { _ = core.requestStop() }
}

/// Carries the wake receiver into the loop thread once, at thread start; nothing
/// else ever reads it, so the unchecked conformance covers exactly that one move.
private final class SocketHandoff: @unchecked Sendable {
    let socket: ZMQSocket
    init(_ socket: ZMQSocket) { self.socket = socket }
}

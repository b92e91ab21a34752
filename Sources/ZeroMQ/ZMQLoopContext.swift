import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identifies a socket owned by a `ZMQSocketLoop`.
public struct ZMQSocketID: Hashable, Sendable, CustomStringConvertible {
    public let raw: UInt64
    public var description: String { "socket#\(raw)" }
}

/// Identifies a timer of a `ZMQSocketLoop`.
public struct ZMQTimerID: Hashable, Sendable {
    public let raw: UInt64
}

/// What the loop does with a socket's incoming messages.
public enum ZMQDelivery: Sendable {
    /// Send-only socket: never polled for input.
    case none
    /// Call this on the loop thread for each message (keep it short and non-blocking).
    case handler(@Sendable (ZMQLoopContext, ZMQSocketID, ZMQMessage) -> Void)
    /// Hand messages to async code through a `ZMQInbox` holding at most `limit` unread messages.
    case inbox(limit: Int)
}

/// The loop thread's view of its sockets and timers. It exists only on that
/// thread and is handed to jobs, handlers and timer ticks there, so they may use
/// the sockets directly.
public final class ZMQLoopContext {
    final class Entry {
        let id: ZMQSocketID
        let socket: ZMQSocket
        let handler: (@Sendable (ZMQLoopContext, ZMQSocketID, ZMQMessage) -> Void)?
        let inbox: (continuation: AsyncStream<ZMQMessage>.Continuation, credit: InboxCredit)?
        let readUserID: Bool
        /// Messages libzmq refused with `EAGAIN`, flushed when the socket turns writable.
        var pending: [PendingSend] = []
        var pendingHead = 0

        init(
            id: ZMQSocketID, socket: ZMQSocket,
            handler: (@Sendable (ZMQLoopContext, ZMQSocketID, ZMQMessage) -> Void)?,
            inbox: (continuation: AsyncStream<ZMQMessage>.Continuation, credit: InboxCredit)?,
            readUserID: Bool
        ) {
            self.id = id
            self.socket = socket
            self.handler = handler
            self.inbox = inbox
            self.readUserID = readUserID
        }

        var hasPending: Bool { pendingHead < pending.count }
        var wantsInput: Bool {
            if handler != nil { return true }
            if let inbox { return inbox.credit.hasRoom }
            return false
        }
    }

    struct PendingSend {
        var frames: [[UInt8]]
        var nextFrame: Int
        var completion: (@Sendable (Result<Void, ZMQError>) -> Void)?
    }

    struct Timer {
        let intervalNs: UInt64
        var deadlineNs: UInt64
        let tick: @Sendable (ZMQLoopContext) -> Void
    }

    public let context: ZMQContext
    let core: ZMQLoopCore
    var entries: [ZMQSocketID: Entry] = [:]
    var timers: [ZMQTimerID: Timer] = [:]
    var nextID: UInt64 = 1
    /// Messages queued per socket while libzmq refuses them; beyond this, sends fail with `.wouldBlock`.
    public let pendingLimit: Int
    /// True once the loop is shutting down: `open` fails with `.contextTerminated`.
    public internal(set) var isStopped = false
    let onError: @Sendable (ZMQError) -> Void

    init(context: ZMQContext, core: ZMQLoopCore, pendingLimit: Int, onError: @escaping @Sendable (ZMQError) -> Void) {
        self.context = context
        self.core = core
        self.pendingLimit = pendingLimit
        self.onError = onError
    }

    /// Opens a socket owned by this loop, binds and connects it. Returns its id,
    /// the endpoints actually bound (`tcp://127.0.0.1:*` resolved to a port) and,
    /// for `.inbox` delivery, the inbox.
    public func open(
        _ type: ZMQSocketType, options: ZMQSocketOptions, bind: [String] = [], connect: [String] = [],
        delivery: ZMQDelivery = .none
    ) throws(ZMQError) -> ZMQOpenedSocket {
        if isStopped { throw .contextTerminated(operation: "open \(type) socket on a stopped loop") }
        let socket = try ZMQSocket(context: context, type: type, options: options)
        var bound: [String] = []
        for endpoint in bind {
            try socket.bind(endpoint)
            bound.append(try socket.lastEndpoint())
        }
        for endpoint in connect { try socket.connect(endpoint) }
        let id = ZMQSocketID(raw: nextID)
        nextID += 1
        var handler: (@Sendable (ZMQLoopContext, ZMQSocketID, ZMQMessage) -> Void)?
        var inboxParts: (continuation: AsyncStream<ZMQMessage>.Continuation, credit: InboxCredit)?
        var inbox: ZMQInbox?
        switch delivery {
        case .none: break
        case .handler(let h): handler = h
        case .inbox(let limit):
            let (stream, continuation) = AsyncStream<ZMQMessage>.makeStream(bufferingPolicy: .unbounded)
            let core = self.core
            let credit = InboxCredit(limit: limit, wake: { core.wake() })
            inboxParts = (continuation, credit)
            inbox = ZMQInbox(stream: stream, credit: credit)
        }
        let readUserID: Bool = if case .server = options.curve { true } else { false }
        entries[id] = Entry(id: id, socket: socket, handler: handler, inbox: inboxParts, readUserID: readUserID)
        return ZMQOpenedSocket(id: id, boundEndpoints: bound, inbox: inbox)
    }

    /// The socket itself, for calls the loop has no wrapper for (subscribe, connect later, …).
    public func socket(_ id: ZMQSocketID) -> ZMQSocket? { entries[id]?.socket }

    /// Sends now if libzmq accepts it, else queues it until the socket is writable.
    /// Throws at once for unroutable peers (`.hostUnreachable`), a closed socket,
    /// or a full queue (`.wouldBlock`). `completion` runs once the message is handed
    /// to libzmq or finally fails.
    public func send(
        _ frames: [[UInt8]], on id: ZMQSocketID,
        completion: (@Sendable (Result<Void, ZMQError>) -> Void)? = nil
    ) throws(ZMQError) {
        if isStopped { throw .contextTerminated(operation: "send on \(id): the socket loop stopped") }
        guard let entry = entries[id] else { throw .usage("send on \(id): no such socket in this loop (closed?)") }
        if entry.hasPending {
            try enqueuePending(entry, PendingSend(frames: frames, nextFrame: 0, completion: completion))
            return
        }
        let sent: Int
        do {
            sent = try entry.socket.sendFrames(frames, from: 0, dontWait: true)
        } catch .wouldBlock {
            try enqueuePending(entry, PendingSend(frames: frames, nextFrame: 0, completion: completion))
            return
        }
        if sent < frames.count {
            try enqueuePending(entry, PendingSend(frames: frames, nextFrame: sent, completion: completion))
        } else {
            completion?(.success(()))
        }
    }

    private func enqueuePending(_ entry: Entry, _ item: PendingSend) throws(ZMQError) {
        guard entry.pending.count - entry.pendingHead < pendingLimit || item.nextFrame > 0 else {
            throw .wouldBlock(operation: "send on \(entry.id): \(pendingLimit) messages already wait for the peer")
        }
        entry.pending.append(item)
    }

    /// Closes a socket; its inbox finishes and its queued sends fail.
    public func close(_ id: ZMQSocketID) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        retire(entry)
    }

    func retire(_ entry: Entry) {
        for item in entry.pending[entry.pendingHead...] {
            item.completion?(.failure(.contextTerminated(operation: "send on \(entry.id): socket closed before sending")))
        }
        entry.pending = []
        entry.pendingHead = 0
        entry.inbox?.continuation.finish()
        entry.socket.close()
    }

    /// Runs `tick` on the loop thread every `interval`, first after one interval.
    @discardableResult
    public func addTimer(every interval: Duration, _ tick: @escaping @Sendable (ZMQLoopContext) -> Void) -> ZMQTimerID {
        let ns = UInt64(max(1, interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000))
        let id = ZMQTimerID(raw: nextID)
        nextID += 1
        timers[id] = Timer(intervalNs: ns, deadlineNs: Self.nowNs() + ns, tick: tick)
        return id
    }

    public func cancelTimer(_ id: ZMQTimerID) { timers[id] = nil }

    /// Monotonic nanoseconds (CLOCK_MONOTONIC).
    public static func nowNs() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

@available(*, unavailable, message: "a ZMQLoopContext belongs to its loop thread")
extension ZMQLoopContext: Sendable {}

/// A socket a loop opened.
public struct ZMQOpenedSocket: Sendable {
    public let id: ZMQSocketID
    /// Endpoints bound, resolved (`tcp://127.0.0.1:*` → the real port).
    public let boundEndpoints: [String]
    /// Present for `.inbox` delivery.
    public let inbox: ZMQInbox?
}

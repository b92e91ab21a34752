import Synchronization

/// Messages a `ZMQSocketLoop` received on one socket, for async code to
/// iterate. The loop yields without ever blocking; back-pressure comes from a
/// credit: once `limit` messages wait unread, the loop stops reading that socket,
/// so libzmq's receive high-water mark pushes back on the sender instead of
/// this buffer growing. Iterate it from one task only.
public struct ZMQInbox: AsyncSequence, Sendable {
    public typealias Element = ZMQMessage

    let stream: AsyncStream<ZMQMessage>
    let credit: InboxCredit

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator(), credit: credit)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncStream<ZMQMessage>.Iterator
        let credit: InboxCredit

        public mutating func next() async -> ZMQMessage? {
            guard let message = await base.next() else { return nil }
            credit.consumed()
            return message
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> ZMQMessage? {
            guard let message = await base.next(isolation: actor) else { return nil }
            credit.consumed()
            return message
        }
    }
}

/// The unread-message count shared by the loop (producer) and the inbox (consumer).
final class InboxCredit: Sendable {
    let limit: Int
    private let unread = Mutex(0)
    /// Wakes the loop when the consumer frees the first slot after the inbox was full.
    private let wake: @Sendable () -> Void

    init(limit: Int, wake: @escaping @Sendable () -> Void) {
        self.limit = max(1, limit)
        self.wake = wake
    }

    var hasRoom: Bool { unread.withLock { $0 < limit } }

    func produced() { unread.withLock { $0 += 1 } }

    func consumed() {
        let wasFull = unread.withLock { count -> Bool in
            defer { count -= 1 }
            return count == limit
        }
        if wasFull { wake() }
    }
}

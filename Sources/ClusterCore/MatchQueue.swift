import DequeModule

/// The coordinator's queue of stored-but-not-yet-matched work, urgent first.
///
/// Policy (docs/failures.md): work is queued only after it is durable, so
/// the queue can be rebuilt from the store after a crash. Urgent work (anything
/// that involves a case missing for at most 24 h) always goes before bulk work,
/// and bulk work is refused with "retry later" once `bulkLimit` items wait,
/// before it is stored. Urgent work is refused only past `urgentLimit`, a much
/// larger bound that keeps memory finite even then.
public struct MatchQueue<Item: Sendable>: Sendable {
    public enum Priority: Int, Sendable, Comparable {
        case urgent = 0, bulk = 1
        public static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
    }

    public let bulkLimit: Int
    public let urgentLimit: Int
    private var urgent = Deque<Item>()
    private var bulk = Deque<Item>()

    public init(bulkLimit: Int, urgentLimit: Int) {
        precondition(bulkLimit > 0 && urgentLimit >= bulkLimit)
        self.bulkLimit = bulkLimit
        self.urgentLimit = urgentLimit
    }

    public var count: Int { urgent.count + bulk.count }
    public var urgentCount: Int { urgent.count }
    public var bulkCount: Int { bulk.count }
    public var isEmpty: Bool { urgent.isEmpty && bulk.isEmpty }

    /// Whether new work of `priority` may be accepted (asked before storing it).
    public func hasRoom(for priority: Priority) -> Bool {
        switch priority {
        case .urgent: count < urgentLimit
        case .bulk: count < bulkLimit
        }
    }

    /// Queues durable work. Work recovered after a restart is queued even past
    /// the limits: it is already stored and must not be lost.
    public mutating func push(_ item: Item, priority: Priority) {
        switch priority {
        case .urgent: urgent.append(item)
        case .bulk: bulk.append(item)
        }
    }

    /// Takes up to `max` items, all urgent ones before any bulk one.
    public mutating func popBatch(max: Int) -> [(item: Item, priority: Priority)] {
        var batch: [(Item, Priority)] = []
        while batch.count < max, let item = urgent.popFirst() { batch.append((item, .urgent)) }
        while batch.count < max, let item = bulk.popFirst() { batch.append((item, .bulk)) }
        return batch
    }
}

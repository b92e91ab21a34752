import Synchronization

/// How many client requests the coordinator works on at once. The intake
/// loop takes a slot per request; when none is free, a sighting submission is
/// answered "retry later" at once (`IntakeShedding`) instead of queueing
/// without bound behind the store and the actor.
final class IntakeSlots: Sendable {
    let capacity: Int
    private let inUse = Mutex(0)

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Takes a slot if one is free.
    func tryAcquire() -> Bool {
        inUse.withLock { n in
            guard n < capacity else { return false }
            n += 1
            return true
        }
    }

    /// Takes a slot even when all are in use (operator requests are never shed).
    func acquireOverCapacity() { inUse.withLock { $0 += 1 } }

    func release() { inUse.withLock { $0 -= 1 } }

    var count: Int { inUse.withLock { $0 } }
}

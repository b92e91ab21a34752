import Synchronization

/// How many client requests the coordinator works on at once. The intake
/// loop takes a slot per request; when none is free, a sighting submission is
/// answered "retry later" at once (`IntakeShedding`) instead of queueing
/// without bound behind the store and the actor.
final class IntakeSlots: Sendable {
    let capacity: Int
    private let inUse = Mutex(0)
    /// Submissions shed since a slot was last free.
    private let shedStreak = Mutex(0)

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Takes a slot if one is free.
    func tryAcquire() -> Bool {
        let acquired = inUse.withLock { n in
            guard n < capacity else { return false }
            n += 1
            return true
        }
        if acquired { shedStreak.withLock { $0 = 0 } }
        return acquired
    }

    /// How long a shed submission should wait before it comes back: 250 ms,
    /// growing with every `capacity` submissions shed in a row up to 4 s, and
    /// jittered by ±25% so that refused clients do not return as one wave.
    func retryAfterMs() -> UInt32 {
        let streak = shedStreak.withLock { s -> Int in
            s += 1
            return s
        }
        let base = min(4_000, 250 * (1 + streak / capacity))
        return UInt32(Double(base) * Double.random(in: 0.75...1.25))
    }

    /// Takes a slot even when all are in use (operator requests are never shed).
    func acquireOverCapacity() { inUse.withLock { $0 += 1 } }

    func release() { inUse.withLock { $0 -= 1 } }

    var count: Int { inUse.withLock { $0 } }
}

import Testing
@testable import ClusterCore

@Suite struct MatchQueueTests {
    @Test func urgentWorkGoesFirstAndOrderIsKeptWithinAPriority() {
        var q = MatchQueue<Int>(bulkLimit: 10, urgentLimit: 20)
        for i in 1...4 { q.push(i, priority: .bulk) }
        q.push(100, priority: .urgent)
        q.push(101, priority: .urgent)
        let first = q.popBatch(max: 3)
        #expect(first.map(\.item) == [100, 101, 1])
        #expect(first.map(\.priority) == [.urgent, .urgent, .bulk])
        q.push(102, priority: .urgent)
        #expect(q.popBatch(max: 10).map(\.item) == [102, 2, 3, 4])
        #expect(q.isEmpty)
    }

    @Test func bulkIsRefusedAtItsLimitWhileUrgentStillHasRoom() {
        var q = MatchQueue<Int>(bulkLimit: 3, urgentLimit: 5)
        for i in 0..<3 { #expect(q.hasRoom(for: .bulk)); q.push(i, priority: .bulk) }
        #expect(!q.hasRoom(for: .bulk))
        #expect(q.hasRoom(for: .urgent))
        q.push(10, priority: .urgent); q.push(11, priority: .urgent)
        #expect(!q.hasRoom(for: .urgent))
        // Recovered durable work is queued regardless of limits.
        q.push(12, priority: .bulk)
        #expect(q.count == 6 && q.bulkCount == 4 && q.urgentCount == 2)
    }
}

import Foundation
import Testing
@testable import HomewardStore

/// Retention deletes old request-id replies and published frames, never the
/// last frame of a topic (a restart numbers on from it), and catch-up learns
/// where the stored history now starts.
@Suite struct RetentionTests {
    @Test func oldRepliesAndFramesGoTheLastFrameOfEachTopicStays() async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations)
        defer { store.close() }
        try await store.write { db in
            let s = CoordinatorStore(db)
            try s.saveReply([1], forRequest: "old", at: 100)
            try s.saveReply([2], forRequest: "new", at: 10_000)
            for seq in 1...5 as ClosedRange<UInt64> { try s.appendPublication(topic: "440000", seq: seq, payload: [UInt8(seq)]) }
            try s.appendPublication(topic: "110000", seq: 1, payload: [9])
        }
        // Frames are stamped by the database clock (now): back-date the first three of 440000.
        try await store.write { try $0.execute("UPDATE publications SET published_at = 100 WHERE topic = '440000' AND seq <= 3") }
        try await store.write { try $0.execute("UPDATE publications SET published_at = 100 WHERE topic = '110000'") }
        let pruned = try await store.write { try CoordinatorStore($0).pruneRetention(olderThan: 5_000) }
        #expect(pruned == CoordinatorStore.Pruned(replies: 1, publications: 3))
        let after = try await store.read { db -> Snapshot in
            let s = CoordinatorStore(db)
            return Snapshot(old: try s.reply(forRequest: "old"), new: try s.reply(forRequest: "new"),
                     kept: try s.publications(topic: "440000", from: 1, limit: 10).map(\.seq),
                     first: try s.firstSequence(topic: "440000"), last: try s.lastSequences())
        }
        #expect(after.old == nil)
        #expect(after.new == [2])
        #expect(after.kept == [4, 5])
        #expect(after.first == 4)
        // The only frame of 110000 is old but stays: numbering goes on from it.
        #expect(after.last == ["440000": 5, "110000": 1])
    }

    struct Snapshot: Sendable {
        var old: [UInt8]?
        var new: [UInt8]?
        var kept: [UInt64]
        var first: UInt64
        var last: [String: UInt64]
    }

    @Test func pruningGoesInBoundedSteps() async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations)
        defer { store.close() }
        try await store.write { db in
            for i in 0..<25 { try CoordinatorStore(db).saveReply([0], forRequest: "r\(i)", at: 1) }
        }
        var steps: [Int] = []
        while true {
            let n = try await store.write { try CoordinatorStore($0).pruneRetention(olderThan: 2, limit: 10) }.replies
            steps.append(n)
            if n < 10 { break }
        }
        #expect(steps == [10, 10, 5])
    }
}

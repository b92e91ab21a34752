import Synchronization
import Foundation
import Testing
@testable import HomewardStore

@Suite struct SQLiteWriterTests {
    static let migrations = [
        Migration(version: 1, sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)"),
        Migration(version: 2, sql: "ALTER TABLE t ADD COLUMN n INTEGER NOT NULL DEFAULT 0"),
    ]

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("homeward-\(UUID().uuidString).sqlite").path
    }

    @Test func concurrentWritesAllCommitAndAFailingJobLeavesNothingBehind() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: Self.migrations)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    try await writer.write { db in try db.prepare("INSERT INTO t (v, n) VALUES (?, ?)").run([.text("v\(i)"), .integer(Int64(i))]) }
                }
            }
            try await group.waitForAll()
        }
        // Inserts a row then violates UNIQUE: the whole job must roll back, others commit.
        await #expect(throws: SQLiteError.self) {
            try await writer.write { db in
                try db.prepare("INSERT INTO t (v) VALUES ('half')").run()
                try db.prepare("INSERT INTO t (v) VALUES ('v1')").run()
            }
        }
        let count = try await writer.read { db in try db.prepare("SELECT COUNT(*), SUM(n) FROM t").rows { [$0.int64(0), $0.int64(1)] }[0] }
        #expect(count == [200, Int64((0..<200).reduce(0, +))])
        let half = try await writer.read { db in try db.prepare("SELECT COUNT(*) FROM t WHERE v = 'half'").rows { $0.int64(0) }[0] }
        #expect(half == 0)
        writer.close()
    }

    @Test func reopeningAppliesOnlyNewMigrationsAndKeepsData() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let writer = try SQLiteWriter(path: path, migrations: [Self.migrations[0]])
            try await writer.write { db in try db.prepare("INSERT INTO t (v) VALUES ('kept')").run() }
            writer.close()
        }
        let writer = try SQLiteWriter(path: path, migrations: Self.migrations)
        let rows = try await writer.read { db in try db.prepare("SELECT v, n FROM t").rows { "\($0.text(0))/\($0.int64(1))" } }
        #expect(rows == ["kept/0"])
        writer.close()
        #expect(throws: StoreError.newerSchema(database: 2, known: 1)) {
            _ = try SQLiteWriter(path: path, migrations: [Self.migrations[0]])
        }
    }

    @Test func misnumberedMigrationsAreRefused() {
        #expect(throws: StoreError.migrationGap(expected: 1, found: 2)) {
            _ = try SQLiteWriter(path: Self.temporaryPath(), migrations: [Migration(version: 2, sql: "")])
        }
    }

    @Test func closedWriterRefusesJobs() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: Self.migrations)
        writer.close()
        await #expect(throws: StoreError.closed) { try await writer.read { _ in 1 } }
    }
}

@Suite struct SQLiteWriterAfterCommitTests {
    @Test func afterCommitHooksRunInCommitOrderOnlyForCommittedJobs() async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: SQLiteWriterTests.migrations)
        final class Seen: Sendable {
            let ids = Mutex<[Int64]>([])
            let failures = Mutex(0)
        }
        let seen = Seen()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<100 {
                group.addTask {
                    do {
                        _ = try await writer.write({ db -> Int64 in
                            // Jobs 8, 9, 19, …, 99 all insert "v8": one commits, the other
                            // ten fail (UNIQUE) and must not run their hooks.
                            try db.prepare("INSERT INTO t (v) VALUES (?)").run([.text(i % 10 == 9 ? "v8" : "v\(i)")])
                            return db.lastInsertRowID
                        }, afterCommit: { id in seen.ids.withLock { $0.append(id) } })
                    } catch is SQLiteError {
                        seen.failures.withLock { $0 += 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        let ids = seen.ids.withLock { $0 }
        let rows = try await writer.read { db in try db.prepare("SELECT COUNT(*) FROM t").rows { $0.int64(0) }[0] }
        #expect(rows == 90)
        #expect(seen.failures.withLock { $0 } == 10)
        #expect(ids.count == 90, "a hook ran for a failed job, or not for a committed one")
        #expect(ids == ids.sorted(), "hooks ran out of commit order")
        writer.close()
    }
}

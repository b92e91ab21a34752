import Foundation
import Testing
@testable import HomewardStore

/// What `homeward audit show` and `audit verify` print for a database file,
/// and where `backup`, `restore` and `audit` find the database.
@Suite struct AuditLogFileTests {
    @Test func showFiltersByTimeAndIdentityAndVerifyReportsTheChain() async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations)
        try await writer.write { db in
            let store = CoordinatorStore(db)
            try store.audit(actor: "op-1", role: "operator", action: "read-personal-data", subject: "case:1", reason: "call", at: 100)
            try store.audit(actor: "admin", action: "reopen-case", subject: "case:1", reason: "mistake", at: 200)
        }
        writer.close()
        let log = AuditLogFile(path: path)
        #expect(try log.lines(since: .min, identity: nil) == [
            "1\t1970-01-01T00:01:40Z\top-1\toperator\tread-personal-data\tcase:1\tcall",
            "2\t1970-01-01T00:03:20Z\tadmin\t-\treopen-case\tcase:1\tmistake",
        ])
        #expect(try log.lines(since: 150, identity: nil).count == 1)
        #expect(try log.lines(since: .min, identity: "op-1").map { $0.prefix(2) } == ["1\t"])
        let check = try log.verify(dataKeyPath: "/nonexistent/data.key")
        #expect(check.intact)
        #expect(check.lines.count == 2)
        #expect(check.lines[0].hasPrefix("warning: no data key found"))
        #expect(check.lines[1].hasPrefix("audit log intact: 2 entries, head "))
    }

    @Test func aConfiguredDatabaseIsRelativeToTheConfigsFolder() {
        #expect(DatabaseLocation.resolve("../var/c.sqlite", configPath: "cluster-config/local.json") == "cluster-config/../var/c.sqlite")
        #expect(DatabaseLocation.resolve("/srv/c.sqlite", configPath: "cluster-config/local.json") == "/srv/c.sqlite")
        #expect(DatabaseLocation.resolve("c.sqlite", configPath: "local.json") == "c.sqlite")
    }
}

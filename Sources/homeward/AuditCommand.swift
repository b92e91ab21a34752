import ArgumentParser
import ClusterCore
import Foundation
import HomewardSecurity
import HomewardStore

/// `homeward audit`: read and check the coordinator's audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show or verify the coordinator's hash-chained audit log.",
        subcommands: [Show.self, Verify.self])

    struct DatabaseOptions: ParsableArguments {
        @OptionGroup var config: ConfigOptions
        @Option(help: "Coordinator database (default: from the config).") var database: String?

        func path() throws -> String {
            if let database { return database }
            let cluster = try config.load()
            let folder = (config.config as NSString).deletingLastPathComponent
            return cluster.coordinator.database.hasPrefix("/") ? cluster.coordinator.database
                : ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(cluster.coordinator.database)
        }

        func entries() throws -> [AuditEntry] {
            let file = try path()
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no database at \(file)") }
            let db = try SQLiteDatabase(path: file)
            defer { db.close() }
            return try CoordinatorStore(db).auditLog()
        }

        /// The data key of the config (it keys the chain); nil when its file is absent.
        func keys() throws -> StoreKeys? {
            let cluster = try config.load()
            let path = SecurityPaths(config: cluster, configPath: config.config).dataKey
            return FileManager.default.fileExists(atPath: path) ? try StoreKeys.load(path: path) : nil
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print audit entries: id, time, identity, role, action, subject, reason.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only entries at or after this time (Unix seconds or ISO 8601).") var since: String?
        @Option(help: "Only entries of this identity (key name).") var identity: String?

        func run() throws {
            let from = try since.map(CLIValues.time) ?? Int64.min
            let formatter = ISO8601DateFormatter()
            for e in try database.entries() where e.at >= from && (identity == nil || e.actor == identity) {
                let when = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(e.at)))
                print("\(e.id)\t\(when)\t\(e.actor)\t\(e.role.isEmpty ? "-" : e.role)\t\(e.action)\t\(e.subject)\t\(e.reason)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain: exit 0 when intact, 1 naming the first broken entry.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let entries = try database.entries()
            let keys = try database.keys()
            if keys == nil { print("warning: no data key found; checking the chain unkeyed (an appended forgery would pass)") }
            if let broken = AuditChain.verify(entries, keys: keys) {
                print("audit log BROKEN at \(broken)")
                throw ExitCode(1)
            }
            print("audit log intact: \(entries.count) entries, head \(entries.last.map { $0.hash.map { String(format: "%02x", $0) }.joined() } ?? "-")")
        }
    }
}

import ArgumentParser
import Foundation
import HomewardClient
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

        func log() throws -> AuditLogFile {
            let file = try config.databasePath(database)
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no database at \(file)") }
            return AuditLogFile(path: file)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print audit entries: id, time, identity, role, action, subject, reason.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only entries at or after this time (Unix seconds or ISO 8601).") var since: String?
        @Option(help: "Only entries of this identity (key name).") var identity: String?

        func run() throws {
            let from = try since.map(OperatorValues.time) ?? Int64.min
            for line in try database.log().lines(since: from, identity: identity) { print(line) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain: exit 0 when intact, 1 naming the first broken entry.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let check = try database.log().verify(dataKeyPath: database.config.securityPaths().dataKey)
            for line in check.lines { print(line) }
            if !check.intact { throw ExitCode(1) }
        }
    }
}

import ArgumentParser
import ClusterCore
import Foundation
import HomewardSecurity

/// `homeward keys`: CURVE key pairs and the coordinator's allow-list.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make, list and revoke the CURVE keys the coordinator admits (docs/security.md).",
        subcommands: [Generate.self, Initialize.self, Revoke.self, List.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a key pair (secret file 0600) and add it to the allow-list; a running coordinator admits it at once.")
        @OptionGroup var config: ConfigOptions
        @Option(help: "Key name: the identity the audit log records (letters, digits, - _ .).") var name: String
        @Option(help: "intake, operator, reviewer, desk, admin or worker.") var role: String
        @Option(help: "Comma-separated province codes this key acts for, or * for all (default: all).") var provinces: String?
        @Option(help: "For a worker key: the one worker id it may register as.") var workerID: String?

        func run() throws {
            let cluster = try config.load()
            let paths = SecurityPaths(config: cluster, configPath: config.config)
            let codes = provinces.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let issued = try KeyRing.generate(name: name, role: role, provinces: codes, workerID: workerID, paths: paths)
            print("key \(issued.entry.name): role \(issued.entry.role), public \(issued.entry.publicKey)")
            print("secret key: \(issued.secretFile) (mode 0600; give it only to its holder)")
            print("allow-list: \(paths.allowList)")
        }
    }

    struct Initialize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create every key the config names that is missing: the data key, the coordinator's, one per worker, and security.keys.")
        @OptionGroup var config: ConfigOptions

        func run() throws {
            let cluster = try config.load()
            let paths = SecurityPaths(config: cluster, configPath: config.config)
            let made = try KeyRing.initialize(config: cluster, paths: paths)
            print(made.isEmpty ? "every key exists (\(paths.keysDirectory))" : "made \(made.joined(separator: ", ")) in \(paths.keysDirectory)")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a key from the allow-list and delete its files; a running coordinator drops it within a second.")
        @OptionGroup var config: ConfigOptions
        @Option(help: "Key name.") var name: String

        func run() throws {
            let cluster = try config.load()
            let paths = SecurityPaths(config: cluster, configPath: config.config)
            try KeyRing.revoke(name: name, paths: paths)
            print("revoked \(name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the allow-list: name, role, provinces, worker id, public key.")
        @OptionGroup var config: ConfigOptions

        func run() throws {
            let cluster = try config.load()
            let list = try AllowList.load(path: SecurityPaths(config: cluster, configPath: config.config).allowList)
            for e in list.entries.sorted(by: { $0.name < $1.name }) {
                let scope = (e.provinces ?? ["*"]).joined(separator: ",")
                print("\(e.name)\t\(e.role)\t\(scope)\t\(e.workerID ?? "-")\t\(e.publicKey)")
            }
        }
    }
}

import ArgumentParser
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
            let lines = try KeyRing.generateDescribed(name: name, role: role, provinces: provinces, workerID: workerID, paths: config.securityPaths())
            for line in lines { print(line) }
        }
    }

    struct Initialize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create every key the config names that is missing: the data key, the coordinator's, one per worker, and security.keys.")
        @OptionGroup var config: ConfigOptions

        func run() throws {
            print(try KeyRing.initializeDescribed(config: config.load(), paths: config.securityPaths()))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a key from the allow-list and delete its files; a running coordinator drops it within a second.")
        @OptionGroup var config: ConfigOptions
        @Option(help: "Key name.") var name: String

        func run() throws {
            try KeyRing.revoke(name: name, paths: config.securityPaths())
            print("revoked \(name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the allow-list: name, role, provinces, worker id, public key.")
        @OptionGroup var config: ConfigOptions

        func run() throws {
            for line in try AllowList.load(path: config.securityPaths().allowList).listing { print(line) }
        }
    }
}

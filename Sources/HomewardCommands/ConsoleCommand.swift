import ArgumentParser
import Foundation
import HomewardConsole
import Logging

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Run the operator console (web), or manage its users.",
        discussion: """
            The console is its own process, a client of the coordinator: see docs/console.md.
            `homeward console --config console.json` serves it; `homeward console user add` adds users.
            """,
        subcommands: [Serve.self, User.self],
        defaultSubcommand: Serve.self)

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the console.")
        @Option(help: "The console's config file (docs/console.md).") var config: String
        @Option(help: "Listen on this port instead of the config's (0: any free port).") var port: Int?
        @Option(help: "Coordinator client and alert endpoints (comma-separated) instead of the config's.") var coordinator: String?
        @Option(help: "Write the bound port to this file once serving.") var portFile: String?

        func run() async throws {
            var settings = try ConsoleConfig.load(path: config)
            if let port { settings.port = port }
            if let coordinator {
                let parts = coordinator.split(separator: ",").map(String.init)
                guard parts.count == 2 else { throw ValidationError("--coordinator takes two endpoints: client,alerts") }
                settings.clientEndpoint = parts[0]
                settings.alertsEndpoint = parts[1]
            }
            let server = try await ConsoleServer.make(config: settings, logger: Logger(label: "homeward.console"))
            let portFile = self.portFile, host = settings.host
            try await server.run { bound in
                print("console: serving on http://\(host):\(bound)/")
                if let portFile { try? Data("\(bound)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic) }
            }
        }
    }

    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage console users.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add (or replace) a user in the config's users file.",
                discussion: """
                    Operators, reviewers and desks sign in with a password, read from standard input
                    (one line), stored as a bcrypt hash. Intake users get an API token instead,
                    printed once; only its SHA-256 is stored.
                    """)
            @Option(help: "The console's config file.") var config: String
            @Option(help: "User name (letters, digits, '-', '_', '.').") var name: String
            @Option(help: "operator, reviewer, desk or intake.") var role: String
            @Option(help: "Province codes, comma-separated (empty: every province).") var provinces = ""

            func run() async throws {
                let settings = try ConsoleConfig.load(path: config)
                guard let role = ConsoleRole(rawValue: role) else {
                    throw ValidationError("--role is one of \(ConsoleRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                var password: String?
                if role != .intake {
                    guard let line = readLine(strippingNewline: true) else { throw ValidationError("write the password on standard input") }
                    password = line
                }
                var users = try ConsoleUsers.load(path: settings.usersFile)
                let codes = provinces.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let token = try users.add(name: name, role: role, provinces: codes, password: password)
                try users.save(path: settings.usersFile)
                if let token { print(token) } else { print("user \(name) (\(role.rawValue)) saved in \(settings.usersFile)") }
            }
        }
    }
}

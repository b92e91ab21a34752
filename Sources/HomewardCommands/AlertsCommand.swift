import ArgumentParser
import HomewardClient

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Follow alerts.",
        subcommands: [Tail.self])

    struct Tail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a province's alerts as they arrive; with --from, first catch up from that sequence number.",
            discussion: """
                One line per event, written out at once (also into a pipe): \
                #SEQ URGENT|review alert ALERT_ID case C sighting S rank R score X face F distance D km; \
                #SEQ case C closed (found|withdrawn).
                """)
        @OptionGroup var client: ClientOptions
        @Option(help: "Province code (GB/T 2260, e.g. 440000); 000000 is the national desk.") var province: String
        @Option(help: "Catch up from this sequence number before following.") var from: UInt64?
        @Option(help: "Stop after this many seconds (default: run until interrupted).") var seconds: Int?

        func run() async throws {
            let config = try client.config.load()
            try await AlertTail.follow(province, alertsEndpoint: config.coordinator.alertsEndpoint, clientEndpoint: client.clientEndpoint(),
                                       curve: client.curve(defaultKey: "desk"), from: from, seconds: seconds)
        }
    }
}

import Synchronization
import ArgumentParser
import Foundation
import HomewardClient
import HomewardProtocol

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
            let printer = AlertPrinter()
            let curve = try client.curve(defaultKey: "desk")
            let subscriber = try await AlertSubscriber(endpoint: config.coordinator.alertsEndpoint, topics: [province], curve: curve) { _, event in
                printer.print(event)
            }
            if let from {
                let caller = try await HomewardClient(endpoint: try client.clientEndpoint(), curve: curve)
                do {
                    for event in try await caller.catchUp(topic: province, from: from) { printer.print(event) }
                } catch {
                    await caller.close()
                    throw CLIFailure(error, requestID: nil)
                }
                await caller.close()
            }
            if let seconds {
                try await Task.sleep(for: .seconds(seconds))
            } else {
                while true { try await Task.sleep(for: .seconds(3_600)) }
            }
            await subscriber.close()
        }
    }
}

/// Prints alert events once each, in the order their sequence numbers say.
final class AlertPrinter: Sendable {
    private let seen = Mutex<Set<String>>([])

    func print(_ event: Homeward_V1_AlertEvent) {
        let line: String
        switch event.event {
        case .alert(let a)?:
            line = "#\(a.sequence) \(a.tier == .urgent ? "URGENT" : "review") alert \(a.alertID) case \(a.caseID) sighting \(a.sightingID)"
                + " rank \(a.rank) score \(String(format: "%.3f", a.score)) face \(String(format: "%.3f", a.face))"
                + " distance \(String(format: "%.0f", a.distanceKm)) km"
        case .caseClosed(let c)?:
            line = "#\(c.sequence) case \(c.caseID) closed (\(c.found ? "found" : "withdrawn"))"
        default: return
        }
        guard seen.withLock({ $0.insert(line).inserted }) else { return }
        // Straight to the file descriptor, one write per line: stdout is block
        // buffered into a pipe, and lines still in the buffer were lost on SIGTERM.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

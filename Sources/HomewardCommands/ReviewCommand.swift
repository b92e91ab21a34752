import ArgumentParser
import HomewardClient

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a reviewer's decision on an alert (audited under the key's identity).")

    @OptionGroup var client: ClientOptions
    @OptionGroup var id: RequestIDOption
    @Argument(help: "Alert id, as printed by `alerts tail`.") var alertID: String
    @Flag(help: "confirm: the same child; reject: not the same child.") var decision: Decision
    @Option(help: "Why (required to reject).") var reason: String = ""

    enum Decision: String, EnumerableFlag { case confirm, reject }

    func run() async throws {
        let request = id.request { r in
            r.reviewAlert.alertID = alertID
            r.reviewAlert.reviewer = client.keyName(default: "reviewer")   // the coordinator records the key's identity
            r.reviewAlert.decision = decision == .confirm ? .confirm : .reject
            r.reviewAlert.reason = reason
        }
        ClientCall.show(try await client.send(request, key: "reviewer").reviewed)
    }
}

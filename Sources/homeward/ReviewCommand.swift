import ArgumentParser
import HomewardClient

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a reviewer's decision on an alert (kept in the audit log).")

    @OptionGroup var client: ClientOptions
    @OptionGroup var id: RequestIDOption
    @Argument(help: "Alert id, as printed by `alerts tail`.") var alertID: String
    @Flag(help: "confirm: the same child; reject: not the same child.") var decision: Decision
    @Option(help: "Reviewer's name or badge.") var reviewer: String
    @Option(help: "Why (required to reject).") var reason: String = ""

    enum Decision: String, EnumerableFlag { case confirm, reject }

    func run() async throws {
        let request = id.request { r in
            r.reviewAlert.alertID = alertID
            r.reviewAlert.reviewer = reviewer
            r.reviewAlert.decision = decision == .confirm ? .confirm : .reject
            r.reviewAlert.reason = reason
        }
        ClientCall.show(try await ClientCall.send(request, options: client).reviewed)
    }
}

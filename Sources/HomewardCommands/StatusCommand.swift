import ArgumentParser
import HomewardClient

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the cluster: workers and their shards, queue depths, counts.")

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let request = HomewardClient.request { $0.status = .init() }
        ClientCall.show(try await client.send(request, key: "admin").clusterStatus)
    }
}

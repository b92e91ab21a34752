import ArgumentParser
import HomewardClient
import HomewardProtocol
import HomewardSecurity
import ZeroMQ

/// Where an operator command sends its request.
struct ClientOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Option(name: .long, help: "Coordinator client endpoint (default: from the config).")
    var endpoint: String?

    @Option(name: .long, help: "Seconds to wait for the reply.")
    var timeout: Int = 10

    @Option(name: .long, help: "Key to connect with: NAME.key in the config's keys folder (default: the command's usual role, e.g. operator, intake, desk).")
    var key: String?

    func clientEndpoint() throws -> String { try endpoint ?? config.load().coordinator.clientEndpoint }

    /// The key name this command signs in with (its identity in the audit log).
    func keyName(default name: String) -> String { key ?? name }

    /// CURVE settings for the named key; nil when the config runs in plain text.
    func curve(defaultKey: String) throws -> ZMQCurveRole? {
        try ClientKeys.curve(name: keyName(default: defaultKey), config: config.load(), configPath: config.config)
    }

    /// Sends `request` with the key `defaultKey` (unless `--key`): its reply, or a `CommandFailure`.
    func send(_ request: Homeward_V1_Request, key defaultKey: String) async throws -> Homeward_V1_Reply {
        try await ClientCall.send(request) {
            ClientConnection(endpoint: try clientEndpoint(), timeoutMilliseconds: timeout * 1000, curve: try curve(defaultKey: defaultKey))
        }
    }
}

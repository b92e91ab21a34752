import ArgumentParser
import Foundation
import HomewardClient
import HomewardProtocol
import SwiftProtobuf

/// Sends one request for an operator command and returns its reply, or exits
/// with the coordinator's error message.
enum ClientCall {
    /// `key` names the key used unless `--key` says otherwise.
    static func send(_ request: Homeward_V1_Request, options: ClientOptions, key: String) async throws -> Homeward_V1_Reply {
        let client = try await HomewardClient(endpoint: try options.clientEndpoint(), timeoutMilliseconds: options.timeout * 1000,
                                              curve: try options.curve(defaultKey: key))
        do {
            let reply = try await client.call(request)
            await client.close()
            return reply
        } catch {
            await client.close()
            throw ValidationError(error.description)
        }
    }

    /// A reply as protobuf text format, readable by people and by scripts.
    static func show(_ message: some SwiftProtobuf.Message) {
        print(message.textFormatString(), terminator: "")
    }
}

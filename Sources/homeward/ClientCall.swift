import ArgumentParser
import Foundation
import HomewardClient
import HomewardProtocol
import SwiftProtobuf

/// Sends one request for an operator command and returns its reply; a failure
/// is a `CLIFailure` (message alone, documented exit code), never usage text.
enum ClientCall {
    /// `key` names the key used unless `--key` says otherwise.
    static func send(_ request: Homeward_V1_Request, options: ClientOptions, key: String) async throws -> Homeward_V1_Reply {
        let client: HomewardClient
        do {
            client = try await HomewardClient(endpoint: try options.clientEndpoint(), timeoutMilliseconds: options.timeout * 1000,
                                              curve: try options.curve(defaultKey: key))
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure(exitCode: CLIFailure.unavailable, message: "cannot connect to the coordinator: \(error)")
        }
        do {
            let reply = try await client.call(request)
            await client.close()
            return reply
        } catch {
            await client.close()
            // Only a request with an effect is retried by id; a read is simply asked again.
            throw CLIFailure(error, requestID: request.isMutating ? request.requestID : nil)
        }
    }

    /// A reply as protobuf text format, readable by people and by scripts.
    static func show(_ message: some SwiftProtobuf.Message) {
        print(message.textFormatString(), terminator: "")
    }
}

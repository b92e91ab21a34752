import HomewardBasics
import HomewardProtocol
import SwiftProtobuf

/// Sends one request for an operator command and returns its reply; a failure
/// is a `CommandFailure` (message alone, documented exit code), never usage text.
public enum ClientCall {
    /// `connection` is resolved here, so that a key or endpoint that cannot be
    /// had fails like a connection that cannot be made (69), while a
    /// `CommandFailure` it throws (an unreadable config: 78) passes unchanged.
    public static func send(
        _ request: Homeward_V1_Request, connection: () throws -> ClientConnection
    ) async throws(CommandFailure) -> Homeward_V1_Reply {
        let client: HomewardClient
        do {
            let settings = try connection()
            client = try await HomewardClient(endpoint: settings.endpoint, timeoutMilliseconds: settings.timeoutMilliseconds,
                                              curve: settings.curve)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(exitCode: CommandFailure.unavailable, message: "cannot connect to the coordinator: \(error)")
        }
        do {
            let reply = try await client.call(request)
            await client.close()
            return reply
        } catch {
            await client.close()
            // Only a request with an effect is retried by id; a read is simply asked again.
            throw CommandFailure(error, requestID: request.isMutating ? request.requestID : nil)
        }
    }

    /// A reply as protobuf text format, readable by people and by scripts.
    public static func show(_ message: some SwiftProtobuf.Message) {
        print(message.textFormatString(), terminator: "")
    }
}

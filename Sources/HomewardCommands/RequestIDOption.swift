import ArgumentParser
import Foundation
import HomewardClient
import HomewardProtocol

/// `--request-id` for every command that changes something: a retry with the
/// same id is answered with the first reply and stores nothing twice
/// (docs/protocol.md, "Idempotency and retries").
struct RequestIDOption: ParsableArguments {
    @Option(name: .customLong("request-id"),
            help: "Request id (1-64 printable ASCII, no spaces); reuse it to retry safely. Default: a new UUID.")
    var requestID: String?

    func validate() throws {
        guard let requestID else { return }
        let ok = !requestID.isEmpty && requestID.utf8.count <= ProtocolLimits.v1.maxRequestIDBytes
            && requestID.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        if !ok { throw ValidationError("--request-id must be 1-64 printable ASCII characters without spaces") }
    }

    /// A request carrying this id (or a fresh one); fill in its body.
    func request(_ fill: (inout Homeward_V1_Request) -> Void) -> Homeward_V1_Request {
        var r = HomewardClient.request(fill)
        if let requestID { r.requestID = requestID }
        return r
    }
}

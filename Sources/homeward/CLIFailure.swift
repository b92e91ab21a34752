import ArgumentParser
import Foundation
import HomewardClient
import HomewardProtocol
import SwiftProtobuf

/// A runtime failure of a command: its message is printed alone (no usage
/// text) and the process exits with `exitCode`. Argument errors stay
/// `ValidationError`s: usage text and exit 64. The codes are listed in
/// `homeward --help` and the README; they follow sysexits(3).
struct CLIFailure: Error, CustomStringConvertible {
    var exitCode: Int32
    var message: String

    var description: String { message }

    init(exitCode: Int32, message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    /// 65: the coordinator refused the request as it is (fix the request), or a photo cannot be decoded.
    static let refused: Int32 = 65
    /// 66: a file named on the command line cannot be read or holds nothing usable.
    static let noInput: Int32 = 66
    /// 67: the case, alert or sighting does not exist.
    static let notFound: Int32 = 67
    /// 69: no answer in time, back-pressure or no worker: retry with the same --request-id.
    static let unavailable: Int32 = 69
    /// 70: the coordinator reported an internal error (a bug).
    static let `internal`: Int32 = 70
    /// 77: this client key may not make the request.
    static let unauthorized: Int32 = 77
    /// 78: the cluster config or the face model files cannot be read.
    static let config: Int32 = 78

    /// The help text's table of exit codes (also in the README).
    static let exitCodeHelp = """
        Exit codes: 0 success; 64 bad arguments (usage is printed); 65 the coordinator refused \
        the request (fix it), or a photo cannot be decoded; 66 an input file cannot be read; \
        67 not found (case, alert, sighting); 69 unavailable: no reply in time, back-pressure or \
        no worker (retry with the same --request-id); 70 internal error in the coordinator; \
        77 not permitted for this key; 78 the config or the face model files cannot be read.
        """

    /// A failed call: the coordinator's error, or why no reply came. Retryable
    /// failures of a mutating request name the request id to retry with.
    init(_ error: ClientError, requestID: String?) {
        let retry = requestID.map { " (retry with --request-id \($0))" } ?? ""
        switch error {
        case .rejected(let e):
            let text = "the coordinator refused the request: \(Self.name(e.code))\(e.field.isEmpty ? "" : " at \(e.field)"): \(e.message)"
            switch e.code {
            case .notFound: self.init(exitCode: Self.notFound, message: text)
            case .retryLater, .unavailable:
                let wait = e.retryAfterMs > 0 ? "; wait \(e.retryAfterMs) ms" : ""
                self.init(exitCode: Self.unavailable, message: text + wait + retry)
            case .unauthorized: self.init(exitCode: Self.unauthorized, message: text)
            case .internal: self.init(exitCode: Self.internal, message: text)
            default: self.init(exitCode: Self.refused, message: text)
            }
        case .timedOut(_, let ms):
            let maybeStored = requestID == nil ? "" : "; it may have stored the request"
            self.init(exitCode: Self.unavailable, message: "no reply from the coordinator within \(ms) ms" + maybeStored + retry)
        case .notSent(let why):
            self.init(exitCode: Self.unavailable, message: "the request was not sent (\(why))" + retry)
        case .badReply(let why):
            self.init(exitCode: Self.internal, message: "the coordinator's reply could not be read: \(why)")
        case .closed:
            self.init(exitCode: Self.unavailable, message: "the connection was closed before the reply" + retry)
        }
    }

    /// The code as docs/protocol.md and client.proto spell it (from the
    /// generated name map, so codes added to the schema need nothing here).
    static func name(_ code: Homeward_V1_Error.Code) -> String {
        var error = Homeward_V1_Error()
        error.code = code
        let text = error.textFormatString()   // "code: NOT_FOUND\n"
        return text.hasPrefix("code: ") ? String(text.dropFirst(6)).trimmingCharacters(in: .whitespacesAndNewlines) : "\(code)"
    }
}

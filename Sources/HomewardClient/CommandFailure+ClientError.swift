import Foundation
import HomewardBasics
import HomewardProtocol
import SwiftProtobuf

extension CommandFailure {
    /// A failed call: the coordinator's error, or why no reply came. Retryable
    /// failures of a mutating request name the request id to retry with.
    public init(_ error: ClientError, requestID: String?) {
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
    public static func name(_ code: Homeward_V1_Error.Code) -> String {
        var error = Homeward_V1_Error()
        error.code = code
        let text = error.textFormatString()   // "code: NOT_FOUND\n"
        return text.hasPrefix("code: ") ? String(text.dropFirst(6)).trimmingCharacters(in: .whitespacesAndNewlines) : "\(code)"
    }
}

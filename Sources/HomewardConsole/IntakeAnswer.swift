import Foundation
import HomewardClient
import HomewardProtocol

/// How the web intake answers, the same facts the ZeroMQ intake gives:
/// 201 with the durable id (and `repost_of`), 429 with Retry-After when the
/// coordinator sheds load, specific 4xx for what the caller can fix, 503/502
/// for what it cannot. Pure, so the mapping is tested without a server.
public struct IntakeAnswer: Equatable, Sendable {
    public let status: Int
    public let json: String
    public let retryAfterSeconds: Int?

    public static func accepted(_ a: Homeward_V1_SightingAccepted) -> IntakeAnswer {
        let repost = a.hasRepostOf ? "\(a.repostOf)" : "null"
        return IntakeAnswer(status: 201, json: "{\"sighting_id\":\(a.sightingID),\"repost_of\":\(repost),\"durable\":\(a.durable),\"faces_accepted\":\(a.facesAccepted)}", retryAfterSeconds: nil)
    }

    public static func problem(status: Int, code: String, field: String, message: String, retryAfter: Int? = nil) -> IntakeAnswer {
        IntakeAnswer(status: status, json: "{\"error\":\(quote(code)),\"field\":\(quote(field)),\"message\":\(quote(message))}", retryAfterSeconds: retryAfter)
    }

    public static func failed(_ error: ClientError) -> IntakeAnswer {
        switch error {
        case .rejected(let e):
            let field = e.field.replacingOccurrences(of: "submit_sighting.", with: "")
            switch e.code {
            case .invalidArgument: return problem(status: 422, code: "invalid_argument", field: field, message: e.message)
            case .tooLarge: return problem(status: 413, code: "too_large", field: field, message: e.message)
            case .unauthorized: return problem(status: 403, code: "unauthorized", field: field, message: e.message)
            case .retryLater:
                let seconds = max(1, Int((e.retryAfterMs + 999) / 1000))
                return problem(status: 429, code: "retry_later", field: "", message: e.message, retryAfter: seconds)
            case .unavailable: return problem(status: 503, code: "unavailable", field: "", message: e.message, retryAfter: 1)
            case .alreadyExists: return problem(status: 409, code: "already_exists", field: field, message: e.message)
            case .notFound: return problem(status: 404, code: "not_found", field: field, message: e.message)
            default: return problem(status: 502, code: "coordinator_error", field: field, message: e.message)
            }
        case .notSent, .timedOut:
            return problem(status: 503, code: "unavailable", field: "", message: "the coordinator did not answer in time; retry later", retryAfter: 1)
        case .badReply, .closed:
            return problem(status: 502, code: "coordinator_error", field: "", message: error.description)
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// A rejected message: which rule it broke, the field path, and a message the
/// sender can act on. Maps one-to-one onto the wire `Error` (see `wire`).
///
/// Messages never quote string contents of the request (they could be personal
/// data); they quote only numbers, limits and field paths.
public struct ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The wire error code (mirrors `Homeward_V1_Error.Code`).
    public enum Code: Sendable, Equatable {
        case invalidArgument
        case unsupportedVersion
        case tooLarge
        case notFound
        case alreadyExists
        case unauthorized
        case retryLater
        case unavailable
        case `internal`
        case noFace
    }

    public var rule: ValidationRule
    /// Dotted field path from the top message, e.g. `submit_sighting.faces[2].embedding.values`.
    public var field: String
    public var message: String
    /// The request id, when the request was decoded far enough to read it.
    public var requestID: String
    /// Only for `.retryLater`.
    public var retryAfterMs: UInt32

    public init(
        _ rule: ValidationRule, field: String, _ message: String,
        requestID: String = "", retryAfterMs: UInt32 = 0
    ) {
        self.rule = rule
        self.field = field
        self.message = message
        self.requestID = requestID
        self.retryAfterMs = retryAfterMs
    }

    public var code: Code { rule.code }

    public var description: String {
        field.isEmpty ? "\(rule.rawValue): \(message)" : "\(rule.rawValue) at \(field): \(message)"
    }

    /// The wire form sent back to the client inside `Reply.error`.
    public var wire: Homeward_V1_Error {
        var error = Homeward_V1_Error()
        error.code = code.wire
        error.field = field
        error.message = message
        error.retryAfterMs = retryAfterMs
        return error
    }
}

extension ProtocolError.Code {
    public var wire: Homeward_V1_Error.Code {
        switch self {
        case .invalidArgument: .invalidArgument
        case .unsupportedVersion: .unsupportedVersion
        case .tooLarge: .tooLarge
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .unauthorized: .unauthorized
        case .retryLater: .retryLater
        case .unavailable: .unavailable
        case .internal: .internal
        case .noFace: .noFace
        }
    }
}

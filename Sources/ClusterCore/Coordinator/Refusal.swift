/// Why a request was refused, with nothing stored for it. The shell maps the
/// code onto the protocol's error codes.
public struct Refusal: Sendable, Equatable, Error {
    public enum Code: Sendable, Equatable {
        /// Back-pressure: retry after `retryAfterMs`.
        case retryLater
        /// Nothing can do the work now (no live worker with a face model).
        case unavailable
        case photoTooLarge
        case photoFormat
        /// No face anywhere in the submission: nothing to match, nothing stored.
        case noFace
        /// The store failed.
        case internalError
    }

    public var code: Code
    /// The request field it is about ("" for the whole request).
    public var field: String
    public var message: String
    public var retryAfterMs: UInt32

    public init(_ code: Code, field: String = "", _ message: String, retryAfterMs: UInt32 = 0) {
        self.code = code
        self.field = field
        self.message = message
        self.retryAfterMs = retryAfterMs
    }
}

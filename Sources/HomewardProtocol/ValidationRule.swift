/// Every reason a Homeward request can be rejected: by the protocol layer
/// (framing and validation) or by the coordinator (the last group).
/// The raw value is stable and may be logged (it holds no personal data).
public enum ValidationRule: String, Sendable, CaseIterable {
    // Framing
    case frameCount = "frame_count"
    case frameTooLarge = "frame_too_large"
    case unknownProtocolTag = "unknown_protocol_tag"
    case unsupportedProtocolTag = "unsupported_protocol_tag"
    case malformedPayload = "malformed_payload"
    case unsupportedVersion = "unsupported_version"
    case unknownCommand = "unknown_command"
    case missingPayload = "missing_payload"
    case topicMismatch = "topic_mismatch"
    // Identity and shape
    case requestIDEmpty = "request_id_empty"
    case requestIDTooLong = "request_id_too_long"
    case requestIDCharacters = "request_id_characters"
    case missingField = "missing_field"
    case unspecifiedEnum = "unspecified_enum"
    case zeroID = "zero_id"
    // Strings
    case stringEmpty = "string_empty"
    case stringTooLong = "string_too_long"
    case provinceCode = "province_code"
    case alertIDFormat = "alert_id_format"
    case workerIDFormat = "worker_id_format"
    // Counts
    case tooFew = "too_few"
    case tooMany = "too_many"
    case countRange = "count_range"
    // Geography and time
    case latitudeRange = "latitude_range"
    case longitudeRange = "longitude_range"
    case timeTooEarly = "time_too_early"
    case timeInFuture = "time_in_future"
    case timeOrder = "time_order"
    case birthDateNotMidnight = "birth_date_not_midnight"
    case ageRange = "age_range"
    case ageOrder = "age_order"
    // Faces
    case embeddingDimension = "embedding_dimension"
    case embeddingNotFinite = "embedding_not_finite"
    case embeddingZeroNorm = "embedding_zero_norm"
    case vectorNotNormalized = "vector_not_normalized"
    case photoEmpty = "photo_empty"
    case photoTooLarge = "photo_too_large"
    case photoFormat = "photo_format"
    case hashLength = "hash_length"
    // Marks
    case markTagFormat = "mark_tag_format"
    case markTagDuplicate = "mark_tag_duplicate"
    case markTagUnknown = "mark_tag_unknown"
    // Sequences
    case sequenceZero = "sequence_zero"
    // Decided by the coordinator, not by the message alone
    case notFound = "not_found"
    case alreadyExists = "already_exists"
    case unauthorized = "unauthorized"
    case retryLater = "retry_later"
    case unavailable = "unavailable"
    case internalError = "internal_error"
    /// No face anywhere in a sighting or case: nothing to match, nothing stored.
    case noFace = "no_face"

    /// The wire error code each rule maps to: limits are TOO_LARGE, versions
    /// are UNSUPPORTED_VERSION, everything else INVALID_ARGUMENT.
    public var code: ProtocolError.Code {
        switch self {
        case .frameTooLarge, .requestIDTooLong, .stringTooLong, .tooMany, .photoTooLarge:
            .tooLarge
        case .unsupportedProtocolTag, .unsupportedVersion:
            .unsupportedVersion
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .unauthorized: .unauthorized
        case .retryLater: .retryLater
        case .unavailable: .unavailable
        case .internalError: .internal
        case .noFace: .noFace
        default:
            .invalidArgument
        }
    }
}

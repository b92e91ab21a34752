/// Checks every field of a decoded client request against the protocol's
/// limits and ranges (docs/protocol.md, "Validation"). Pure: the clock is
/// passed in as `now` (Unix seconds).
public struct RequestValidator: Sendable {
    public var limits: ProtocolLimits
    /// When set, mark tags must be in it; when nil only their syntax is checked.
    public var vocabulary: MarkVocabulary?

    public init(limits: ProtocolLimits = .v1, vocabulary: MarkVocabulary? = nil) {
        self.limits = limits
        self.vocabulary = vocabulary
    }

    /// Throws the first violation found, with the request id attached.
    public func validate(_ request: Homeward_V1_Request, now: Int64) throws(ProtocolError) {
        do {
            try validateBody(request, now: now)
        } catch var error {
            error.requestID = request.requestID
            throw error
        }
    }

    private func validateBody(_ request: Homeward_V1_Request, now: Int64) throws(ProtocolError) {
        switch request.body {
        case .registerCase(let r)?: try validate(r, at: "register_case", now: now)
        case .closeCase(let r)?: try validate(r, at: "close_case")
        case .showCase(let r)?: try validate(r, at: "show_case")
        case .submitSighting(let r)?: try validate(r, at: "submit_sighting", now: now)
        case .reviewAlert(let r)?: try validate(r, at: "review_alert")
        case .status?: return
        case .alertCatchUp(let r)?: try validate(r, at: "alert_catch_up")
        case .showSighting(let r)?: try FieldCheck.nonZero(r.sightingID, at: "show_sighting.sighting_id")
        case .reopenCase(let r)?: try validate(r, at: "reopen_case")
        case .showReviews(let r)?: try validate(r, at: "show_reviews")
        case .showPhotos(let r)?: try validate(r, at: "show_photos")
        case nil:
            throw ProtocolError(
                .missingField, field: "body",
                "request has no body; set one of register_case, close_case, show_case, submit_sighting, "
                    + "review_alert, status, alert_catch_up, show_sighting, reopen_case, show_reviews, show_photos")
        }
    }

    func validateFaces(
        _ faces: [Homeward_V1_FaceInput], at field: String, max: Int
    ) throws(ProtocolError) {
        try FieldCheck.count(faces.count, at: field, min: 1, max: max)
        for (i, face) in faces.enumerated() {
            let path = "\(field)[\(i)]"
            switch face.source {
            case .embedding(let e)?:
                try FieldCheck.embedding(e.values, at: path + ".embedding.values", limits: limits)
            case .photo(let p)?:
                try FieldCheck.photo(p.data, at: path + ".photo.data", limits: limits)
            case nil:
                throw ProtocolError(.missingField, field: path, "needs an embedding or a photo")
            }
        }
    }
}

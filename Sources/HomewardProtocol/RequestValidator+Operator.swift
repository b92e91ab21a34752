extension RequestValidator {
    func validate(_ r: Homeward_V1_CloseCase, at field: String) throws(ProtocolError) {
        try FieldCheck.nonZero(r.caseID, at: field + ".case_id")
        switch r.outcome {
        case .found, .withdrawn: break
        case .unspecified, .UNRECOGNIZED:
            throw ProtocolError(.unspecifiedEnum, field: field + ".outcome", "must be FOUND or WITHDRAWN")
        }
        try FieldCheck.string(r.note, at: field + ".note", max: limits.maxNoteBytes, required: false)
    }

    func validate(_ r: Homeward_V1_ReopenCase, at field: String) throws(ProtocolError) {
        try FieldCheck.nonZero(r.caseID, at: field + ".case_id")
        try FieldCheck.string(r.reason, at: field + ".reason", max: limits.maxNoteBytes, required: true)
    }

    func validate(_ r: Homeward_V1_ShowCase, at field: String) throws(ProtocolError) {
        try FieldCheck.nonZero(r.caseID, at: field + ".case_id")
        try FieldCheck.string(r.operator, at: field + ".operator", max: limits.maxPersonBytes, required: true)
        try FieldCheck.string(r.purpose, at: field + ".purpose", max: limits.maxPurposeBytes, required: true)
    }

    func validate(_ r: Homeward_V1_ReviewAlert, at field: String) throws(ProtocolError) {
        if AlertID.parse(r.alertID) == nil {
            throw ProtocolError(
                .alertIDFormat, field: field + ".alert_id",
                "must be an alert id as published: 16 hex digits, '-', 16 hex digits (lowercase)")
        }
        try FieldCheck.string(r.reviewer, at: field + ".reviewer", max: limits.maxPersonBytes, required: true)
        switch r.decision {
        case .confirm:
            try FieldCheck.string(r.reason, at: field + ".reason", max: limits.maxReasonBytes, required: false)
        case .reject:
            try FieldCheck.string(r.reason, at: field + ".reason", max: limits.maxReasonBytes, required: true)
        case .unspecified, .UNRECOGNIZED:
            throw ProtocolError(.unspecifiedEnum, field: field + ".decision", "must be CONFIRM or REJECT")
        }
    }

    func validate(_ r: Homeward_V1_ShowReviews, at field: String) throws(ProtocolError) {
        try FieldCheck.count(r.alertIds.count, at: field + ".alert_ids", min: 1, max: limits.maxReviewStates)
        for (i, id) in r.alertIds.enumerated() where AlertID.parse(id) == nil {
            throw ProtocolError(
                .alertIDFormat, field: field + ".alert_ids[\(i)]",
                "must be an alert id as published: 16 hex digits, '-', 16 hex digits (lowercase)")
        }
    }

    func validate(_ r: Homeward_V1_ShowPhotos, at field: String) throws(ProtocolError) {
        switch r.subject {
        case .caseID(let id)?: try FieldCheck.nonZero(id, at: field + ".case_id")
        case .sightingID(let id)?: try FieldCheck.nonZero(id, at: field + ".sighting_id")
        case nil: throw ProtocolError(.missingField, field: field, "needs a case_id or a sighting_id")
        }
        try FieldCheck.string(r.reader, at: field + ".reader", max: limits.maxPersonBytes, required: false)
    }

    func validate(_ r: Homeward_V1_AlertCatchUp, at field: String) throws(ProtocolError) {
        try FieldCheck.province(r.province, at: field + ".province")
        if r.fromSequence == 0 {
            throw ProtocolError(.sequenceZero, field: field + ".from_sequence", "sequences start at 1")
        }
        if r.maxCount == 0 || Int(r.maxCount) > limits.maxCatchUpCount {
            throw ProtocolError(
                .countRange, field: field + ".max_count", "must be in 1...\(limits.maxCatchUpCount)")
        }
    }
}

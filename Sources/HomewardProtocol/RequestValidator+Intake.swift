extension RequestValidator {
    func validate(_ r: Homeward_V1_RegisterCase, at field: String, now: Int64) throws(ProtocolError) {
        guard r.hasPersonal else {
            throw ProtocolError(.missingField, field: field + ".personal", "is required (child name, guardian contact)")
        }
        let p = r.personal, pf = field + ".personal"
        try FieldCheck.string(p.childName, at: pf + ".child_name", max: limits.maxChildNameBytes, required: true)
        try FieldCheck.string(
            p.guardianContact, at: pf + ".guardian_contact", max: limits.maxGuardianContactBytes, required: true)
        try FieldCheck.string(p.notes, at: pf + ".notes", max: limits.maxNotesBytes, required: false)
        if !p.homeProvince.isEmpty { try FieldCheck.province(p.homeProvince, at: pf + ".home_province") }

        try FieldCheck.sex(r.sex, at: field + ".sex")
        try FieldCheck.time(r.birthDate, at: field + ".birth_date", now: now, limits: limits)
        if r.birthDate % 86_400 != 0 {
            throw ProtocolError(
                .birthDateNotMidnight, field: field + ".birth_date",
                "must be 00:00 UTC of the birth day (a multiple of 86400)")
        }
        try FieldCheck.time(r.missingSince, at: field + ".missing_since", now: now, limits: limits)
        if r.missingSince < r.birthDate {
            throw ProtocolError(.timeOrder, field: field + ".missing_since", "is before birth_date")
        }
        try FieldCheck.location(r.lastSeen, present: r.hasLastSeen, at: field + ".last_seen")
        try FieldCheck.markTags(r.markTags, at: field + ".mark_tags", limits: limits, vocabulary: vocabulary)
        try validateFaces(r.photos, at: field + ".photos", max: limits.maxCasePhotos)
    }

    func validate(_ r: Homeward_V1_SubmitSighting, at field: String, now: Int64) throws(ProtocolError) {
        try FieldCheck.time(r.observedAt, at: field + ".observed_at", now: now, limits: limits)
        try FieldCheck.location(r.location, present: r.hasLocation, at: field + ".location")
        try FieldCheck.sex(r.sex, at: field + ".sex")
        if r.hasEstimatedAge {
            try FieldCheck.ageRange(r.estimatedAge, at: field + ".estimated_age", limits: limits)
        }
        try FieldCheck.markTags(r.markTags, at: field + ".mark_tags", limits: limits, vocabulary: vocabulary)
        try validateFaces(r.faces, at: field + ".faces", max: limits.maxSightingFaces)
        try FieldCheck.string(r.submitter, at: field + ".submitter", max: limits.maxSubmitterBytes, required: false)
        if !r.photoSha256.isEmpty && r.photoSha256.count != 32 {
            throw ProtocolError(
                .hashLength, field: field + ".photo_sha256",
                "is \(r.photoSha256.count) bytes; a SHA-256 is 32 bytes (or leave it empty)")
        }
        if !r.photoPhash.isEmpty {
            if r.photoPhash.count != 32 {
                throw ProtocolError(
                    .hashLength, field: field + ".photo_phash",
                    "is \(r.photoPhash.count) bytes; a perceptual hash is 256 bits, 32 bytes (or leave it empty)")
            }
            if r.photoSha256.isEmpty {
                throw ProtocolError(
                    .missingField, field: field + ".photo_sha256",
                    "is required beside photo_phash: send the SHA-256 of the same photo")
            }
        }
    }
}

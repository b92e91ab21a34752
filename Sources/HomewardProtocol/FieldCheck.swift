import Foundation

/// Field-level checks shared by the client and worker validators. Each throws
/// a `ProtocolError` naming the rule, the field path and the bound.
enum FieldCheck {
    static func string(
        _ value: String, at field: String, max: Int, required: Bool
    ) throws(ProtocolError) {
        let count = value.utf8.count
        if required && count == 0 {
            throw ProtocolError(.stringEmpty, field: field, "must not be empty")
        }
        if count > max {
            throw ProtocolError(
                .stringTooLong, field: field, "is \(count) bytes of UTF-8; the limit is \(max)")
        }
    }

    static func nonZero(_ id: UInt64, at field: String) throws(ProtocolError) {
        if id == 0 { throw ProtocolError(.zeroID, field: field, "must be a non-zero id") }
    }

    static func count(
        _ count: Int, at field: String, min: Int, max: Int
    ) throws(ProtocolError) {
        if count < min {
            throw ProtocolError(.tooFew, field: field, "has \(count) entries; at least \(min) required")
        }
        if count > max {
            throw ProtocolError(.tooMany, field: field, "has \(count) entries; the limit is \(max)")
        }
    }

    static func location(
        _ point: Homeward_V1_LatLon, present: Bool, at field: String
    ) throws(ProtocolError) {
        guard present else { throw ProtocolError(.missingField, field: field, "is required") }
        let lat = point.latitude, lon = point.longitude
        if !lat.isFinite || lat < -90 || lat > 90 {
            throw ProtocolError(
                .latitudeRange, field: field + ".latitude", "must be a finite number of degrees in [-90, 90]")
        }
        if !lon.isFinite || lon < -180 || lon > 180 {
            throw ProtocolError(
                .longitudeRange, field: field + ".longitude",
                "must be a finite number of degrees in [-180, 180]")
        }
    }

    /// A Unix time in seconds between 1900-01-01 and `now` + the allowed skew.
    static func time(
        _ t: Int64, at field: String, now: Int64, limits: ProtocolLimits
    ) throws(ProtocolError) {
        if t < limits.earliestTime {
            throw ProtocolError(
                .timeTooEarly, field: field,
                "is \(t), before 1900-01-01 (\(limits.earliestTime)); times are Unix seconds UTC")
        }
        let latest = now &+ limits.maxFutureSkewSeconds
        if t > latest {
            throw ProtocolError(
                .timeInFuture, field: field,
                "is \(t), more than \(limits.maxFutureSkewSeconds) s after the receiver's clock (\(now)); "
                    + "times are Unix seconds UTC, not milliseconds")
        }
    }

    static func sex(_ sex: Homeward_V1_Sex, at field: String) throws(ProtocolError) {
        if case .UNRECOGNIZED(let raw) = sex {
            throw ProtocolError(.unspecifiedEnum, field: field, "has unknown value \(raw); use 0, 1 or 2")
        }
    }

    static func ageRange(
        _ range: Homeward_V1_AgeRange, at field: String, limits: ProtocolLimits
    ) throws(ProtocolError) {
        let lo = range.loYears, hi = range.hiYears
        for (value, name) in [(lo, "lo_years"), (hi, "hi_years")]
        where !value.isFinite || value < 0 || value > limits.maxAgeYears {
            throw ProtocolError(
                .ageRange, field: field + "." + name, "must be a number of years in [0, \(limits.maxAgeYears)]")
        }
        if lo > hi {
            throw ProtocolError(.ageOrder, field: field, "lo_years must not exceed hi_years")
        }
    }

    /// A six-digit province code, e.g. "110000".
    static func province(_ code: String, at field: String) throws(ProtocolError) {
        if !ProvinceCode.isValid(code) {
            throw ProtocolError(.provinceCode, field: field, "must be a 6-digit province code such as 110000")
        }
    }

    /// Mark tags: lowercase ASCII `[a-z0-9_-]`, 1…max bytes, distinct, and in
    /// the vocabulary when one is given.
    static func markTags(
        _ tags: [String], at field: String, limits: ProtocolLimits, vocabulary: MarkVocabulary?
    ) throws(ProtocolError) {
        try count(tags.count, at: field, min: 0, max: limits.maxMarkTags)
        var seen = Set<String>()
        for (i, tag) in tags.enumerated() {
            let path = "\(field)[\(i)]"
            let bytes = tag.utf8
            let wellFormed = !bytes.isEmpty && bytes.count <= limits.maxMarkTagBytes
                && bytes.allSatisfy { b in
                    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                        || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                        || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                }
            if !wellFormed {
                throw ProtocolError(
                    .markTagFormat, field: path,
                    "must be 1-\(limits.maxMarkTagBytes) characters of a-z, 0-9, '_' or '-'")
            }
            if !seen.insert(tag).inserted {
                throw ProtocolError(.markTagDuplicate, field: path, "repeats an earlier tag")
            }
            if let vocabulary, vocabulary.index(of: tag) == nil {
                throw ProtocolError(
                    .markTagUnknown, field: path, "is not in the cluster's mark vocabulary (see `homeward status`)")
            }
        }
    }

    /// A client embedding: exact dimension, finite, non-zero norm.
    static func embedding(
        _ values: [Float], at field: String, limits: ProtocolLimits
    ) throws(ProtocolError) {
        if values.count != limits.embeddingDimension {
            throw ProtocolError(
                .embeddingDimension, field: field,
                "has \(values.count) values; embeddings have exactly \(limits.embeddingDimension)")
        }
        var sumOfSquares: Double = 0
        for (i, v) in values.enumerated() {
            if !v.isFinite {
                throw ProtocolError(.embeddingNotFinite, field: "\(field)[\(i)]", "is NaN or infinite")
            }
            sumOfSquares += Double(v) * Double(v)
        }
        // A zero (or denormal-only) vector has no direction to normalise.
        if !(sumOfSquares > 1e-12) {
            throw ProtocolError(.embeddingZeroNorm, field: field, "has zero length and cannot be normalised")
        }
    }

    /// Photo bytes: non-empty, within the limit, JPEG or PNG by magic number.
    static func photo(_ data: Data, at field: String, limits: ProtocolLimits) throws(ProtocolError) {
        if data.isEmpty { throw ProtocolError(.photoEmpty, field: field, "is empty") }
        if data.count > limits.maxPhotoBytes {
            throw ProtocolError(
                .photoTooLarge, field: field, "is \(data.count) bytes; the limit is \(limits.maxPhotoBytes)")
        }
        if PhotoFormat.sniff(data) == nil {
            throw ProtocolError(.photoFormat, field: field, "is neither JPEG nor PNG")
        }
    }
}

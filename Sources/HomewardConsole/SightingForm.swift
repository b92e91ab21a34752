import Crypto
import Foundation
import HomewardProtocol

/// A sighting as the web sends it (the intake API and the console's form share
/// it): multipart fields checked here with errors that name the field, turned
/// into the same `SubmitSighting` the ZeroMQ intake takes.
public struct SightingForm: Sendable {
    public let submission: Homeward_V1_SubmitSighting
    /// What is kept beside the photo for review (age, sex, marks as entered).
    public let details: [String: String]
    public let photo: [UInt8]
    public let contentType: String

    public struct Problem: Error, Equatable, Sendable {
        public let field: String
        public let message: String
    }

    public init(form: MultipartForm, submitter: String, now: Int64) throws(Problem) {
        guard let file = form.files("photo").first else { throw Problem(field: "photo", message: "a photo file is required (JPEG or PNG)") }
        guard file.body.count <= ProtocolLimits().maxPhotoBytes else {
            throw Problem(field: "photo", message: "the photo is \(file.body.count) bytes; at most \(ProtocolLimits().maxPhotoBytes)")
        }
        let type: String
        if file.body.starts(with: [0xFF, 0xD8, 0xFF]) { type = "image/jpeg" }
        else if file.body.starts(with: [0x89, 0x50, 0x4E, 0x47]) { type = "image/png" }
        else { throw Problem(field: "photo", message: "the photo is neither JPEG nor PNG") }
        let lat = try Self.number(form.value("lat"), field: "lat", range: -90...90)
        let lon = try Self.number(form.value("lon"), field: "lon", range: -180...180)
        var s = Homeward_V1_SubmitSighting()
        s.location.latitude = lat
        s.location.longitude = lon
        s.observedAt = try Self.time(form.value("time"), now: now)
        if let age = form.value("age")?.trimmingCharacters(in: .whitespaces), !age.isEmpty {
            let parts = age.split(separator: "-").map { Float($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(parts.count), let lo = parts.first!, let hi = parts.last!, lo >= 0, lo <= hi, hi <= ProtocolLimits().maxAgeYears else {
                throw Problem(field: "age", message: "age is years or a range like 6-9, within 0-25")
            }
            s.estimatedAge.loYears = lo
            s.estimatedAge.hiYears = hi
        }
        switch form.value("sex")?.lowercased() ?? "" {
        case "", "unknown": s.sex = .unknown
        case "female", "f": s.sex = .female
        case "male", "m": s.sex = .male
        default: throw Problem(field: "sex", message: "sex is female, male or unknown")
        }
        let marks = form.values("marks").flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard marks.count <= ProtocolLimits().maxMarkTags else { throw Problem(field: "marks", message: "at most \(ProtocolLimits().maxMarkTags) marks") }
        s.markTags = marks
        var face = Homeward_V1_FaceInput()
        face.photo.data = Data(file.body)
        s.faces = [face]
        s.submitter = String(submitter.prefix(200))
        s.photoSha256 = Data(SHA256.hash(data: file.body))
        submission = s
        details = SightingDetails.text(sex: s.sex, age: s.hasEstimatedAge ? s.estimatedAge : nil, marks: marks)
        photo = file.body
        contentType = type
    }

    static func number(_ text: String?, field: String, range: ClosedRange<Double>) throws(Problem) -> Double {
        guard let text, let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite, range.contains(v) else {
            throw Problem(field: field, message: "\(field) is a number within \(Int(range.lowerBound))...\(Int(range.upperBound))")
        }
        return v
    }

    /// Unix seconds, ISO 8601 with a zone, or a form's "YYYY-MM-DDTHH:MM" read as UTC; empty: now.
    static func time(_ text: String?, now: Int64) throws(Problem) -> Int64 {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return now }
        if let unix = Int64(text) { return unix }
        let iso = ISO8601DateFormatter()
        if let d = iso.date(from: text) { return Int64(d.timeIntervalSince1970) }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"] {
            local.dateFormat = format
            if let d = local.date(from: text) { return Int64(d.timeIntervalSince1970) }
        }
        throw Problem(field: "time", message: "time is Unix seconds or ISO 8601 (e.g. 2026-12-06T08:30:00Z)")
    }
}

import ArgumentParser
import Foundation
import HomewardProtocol

/// Parsing of the values operators type.
enum CLIValues {
    static func sex(_ s: String) throws -> Homeward_V1_Sex {
        switch s.lowercased() {
        case "female", "f": .female
        case "male", "m": .male
        case "unknown", "": .unknown
        default: throw ValidationError("sex must be female, male or unknown, not \(s)")
        }
    }

    /// YYYY-MM-DD → Unix seconds of 00:00 UTC that day.
    static func day(_ s: String) throws -> Int64 {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard let d = f.date(from: s) else { throw ValidationError("\(s) is not a date as YYYY-MM-DD") }
        return Int64(d.timeIntervalSince1970)
    }

    /// Unix seconds, or ISO 8601 with a time zone.
    static func time(_ s: String) throws -> Int64 {
        if let seconds = Int64(s) { return seconds }
        if let d = ISO8601DateFormatter().date(from: s) { return Int64(d.timeIntervalSince1970) }
        throw ValidationError("\(s) is neither Unix seconds nor an ISO 8601 time such as 2026-11-29T08:30:00Z")
    }

    static func tags(_ s: String) -> [String] {
        s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

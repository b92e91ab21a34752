import Foundation
import HomewardBasics
import HomewardProtocol

/// The values operators type into commands, parsed; a value that does not
/// parse is an argument error (`CommandFailure.usage`: usage text and 64).
public enum OperatorValues {
    public static func sex(_ s: String) throws(CommandFailure) -> Homeward_V1_Sex {
        switch s.lowercased() {
        case "female", "f": .female
        case "male", "m": .male
        case "unknown", "": .unknown
        default: throw CommandFailure(exitCode: CommandFailure.usage, message: "sex must be female, male or unknown, not \(s)")
        }
    }

    /// YYYY-MM-DD → Unix seconds of 00:00 UTC that day.
    public static func day(_ s: String) throws(CommandFailure) -> Int64 {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard let d = f.date(from: s) else { throw CommandFailure(exitCode: CommandFailure.usage, message: "\(s) is not a date as YYYY-MM-DD") }
        return Int64(d.timeIntervalSince1970)
    }

    /// Unix seconds, or ISO 8601 with a time zone.
    public static func time(_ s: String) throws(CommandFailure) -> Int64 {
        if let seconds = Int64(s) { return seconds }
        if let d = ISO8601DateFormatter().date(from: s) { return Int64(d.timeIntervalSince1970) }
        throw CommandFailure(exitCode: CommandFailure.usage,
                             message: "\(s) is neither Unix seconds nor an ISO 8601 time such as 2026-11-29T08:30:00Z")
    }

    /// An estimated age range in years, as `6-9`.
    public static func ageRange(_ s: String) throws(CommandFailure) -> (lo: Float, hi: Float) {
        let parts = s.split(separator: "-").compactMap { Float($0) }
        guard parts.count == 2 else { throw CommandFailure(exitCode: CommandFailure.usage, message: "age must look like 6-9") }
        return (parts[0], parts[1])
    }

    /// Comma-separated tags, trimmed, empty ones dropped.
    public static func tags(_ s: String) -> [String] {
        s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

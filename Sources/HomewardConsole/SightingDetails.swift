import Foundation
import HomewardProtocol

/// The review page's text for a sighting's sex, estimated age and marks, as
/// submitted. One formatter for both sources, so a sighting reads the same
/// whether the console took it (its web form or intake API, remembered beside
/// the kept photo) or the coordinator says it (`ShowSighting`, for sightings
/// that came over ZeroMQ).
public enum SightingDetails {
    /// Keys of the details dictionary kept with a sighting photo ("box" is the face box, not a detail).
    static let keys = ["age", "sex", "marks"]

    /// "age" and "sex" only when given; "marks" always (empty when none), so
    /// a remembered sighting is told from one the console never described.
    public static func text(sex: Homeward_V1_Sex, age: Homeward_V1_AgeRange?, marks: [String]) -> [String: String] {
        var details: [String: String] = [:]
        if let age {
            let lo = years(age.loYears), hi = years(age.hiYears)
            details["age"] = lo == hi ? "\(lo) 岁 years" : "\(lo)-\(hi) 岁 years"
        }
        switch sex {
        case .female: details["sex"] = "女 female"
        case .male: details["sex"] = "男 male"
        default: break
        }
        details["marks"] = marks.joined(separator: ", ")
        return details
    }

    /// The details of a `ShowSighting` answer.
    public static func text(_ shown: Homeward_V1_SightingShown) -> [String: String] {
        text(sex: shown.sex, age: shown.hasEstimatedAge ? shown.estimatedAge : nil, marks: shown.markTags)
    }

    /// Whether the console remembered this sighting's details when it took it.
    public static func remembered(_ details: [String: String]?) -> Bool {
        keys.contains { details?[$0] != nil }
    }

    /// 6 → "6", 6.5 → "6.5": the years as a person would type them.
    static func years(_ v: Float) -> String {
        String(format: "%g", Double(v))
    }
}

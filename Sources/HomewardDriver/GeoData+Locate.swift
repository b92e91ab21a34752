import Foundation
import GeoIndex
import HomewardBasics

extension GeoData {
    /// `homeward geo locate`: the province a point's alerts go to, by the
    /// coordinator's rule, as `CODE NAME_ZH NAME_EN (how it was found)`.
    public func locate(_ point: GeoPoint) -> String {
        if let inside = provinces.province(containing: point) {
            return "\(inside.code) \(inside.nameZh) \(inside.nameEn) (inside)"
        } else if let near = provinces.nearestProvince(to: point, withinKm: provinces.nearestWithinKm) {
            return "\(near.province.code) \(near.province.nameZh) \(near.province.nameEn) (nearest, \(String(format: "%.2f", near.distanceKm)) km off its border)"
        } else {
            return "000000 (no province within \(Int(provinces.nearestWithinKm)) km: the national desk)"
        }
    }

    /// The geographic data beside a config, for a command: unreadable data is a config failure (78).
    public static func beside(config configPath: String) throws(CommandFailure) -> GeoData {
        do {
            return try GeoData(directory: directory(forConfig: configPath))
        } catch {
            throw CommandFailure(exitCode: CommandFailure.config, message: "\(error)")
        }
    }
}

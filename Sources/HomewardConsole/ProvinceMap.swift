import Foundation

/// China's provinces drawn once as SVG paths from provinces.geojson, on an
/// equirectangular projection squeezed by cos(36°) so shapes look right at
/// China's middle latitude. The page's script places alert dots with the same
/// projection (`project`), so the numbers live here only.
public struct ProvinceMap: Sendable {
    public struct Province: Sendable, Equatable {
        public let code: String
        public let nameZh: String
        public let nameEn: String
        public let path: String
    }

    public static let minLon = 73.0, maxLat = 54.0, scale = 14.0
    public static let lonFactor = cos(36.0 * Double.pi / 180)
    public static let width = Int(((135.5 - minLon) * lonFactor * scale).rounded())
    public static let height = Int(((maxLat - 17.5) * scale).rounded())

    public let provinces: [Province]

    public static func project(lat: Double, lon: Double) -> (x: Double, y: Double) {
        ((lon - minLon) * lonFactor * scale, (maxLat - lat) * scale)
    }

    public init(geojsonPath: String) throws {
        guard let data = FileManager.default.contents(atPath: geojsonPath),
              let collection = try? JSONDecoder().decode(FeatureCollection.self, from: data) else {
            throw ConsoleError.config("cannot read province shapes from \(geojsonPath)")
        }
        provinces = collection.features.map { f in
            let d = f.geometry.coordinates.polygons.flatMap { $0 }.map(Self.ringPath).joined()
            return Province(code: f.properties.code, nameZh: f.properties.name_zh, nameEn: f.properties.name_en, path: d)
        }
    }

    /// One ring as "M x y L ... Z", dropping points under a pixel from the last kept one.
    static func ringPath(_ ring: [[Double]]) -> String {
        var out = ""
        var last: (Double, Double)?
        for point in ring where point.count >= 2 {
            let (x, y) = project(lat: point[1], lon: point[0])
            if let (lx, ly) = last, abs(lx - x) + abs(ly - y) < 1.0 { continue }
            out += (last == nil ? "M" : "L") + String(format: "%.1f %.1f", x, y)
            last = (x, y)
        }
        return out.isEmpty ? "" : out + "Z"
    }

    public func name(of code: String) -> String {
        guard let p = provinces.first(where: { $0.code == code }) else { return code == "000000" ? "全国 National" : code }
        return "\(p.nameZh) \(p.nameEn)"
    }

    // GeoJSON, as much as the map needs.
    struct FeatureCollection: Decodable { let features: [Feature] }
    struct Feature: Decodable {
        let properties: Properties
        let geometry: Geometry
    }
    struct Properties: Decodable {
        let code: String
        let name_zh: String
        let name_en: String
    }
    struct Geometry: Decodable { let coordinates: Coordinates }
    enum Coordinates: Decodable {
        case polygon([[[Double]]])
        case multiPolygon([[[[Double]]]])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let multi = try? c.decode([[[[Double]]]].self) { self = .multiPolygon(multi) } else { self = .polygon(try c.decode([[[Double]]].self)) }
        }

        var polygons: [[[[Double]]]] {
            switch self {
            case .polygon(let p): [p]
            case .multiPolygon(let m): m
            }
        }
    }
}

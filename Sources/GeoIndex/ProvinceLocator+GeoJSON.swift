import Foundation

/// The subset of GeoJSON the province file uses: a FeatureCollection of Polygon or
/// MultiPolygon features with string properties.
struct ProvinceFeatureCollection: Decodable {
    struct Feature: Decodable {
        struct Properties: Decodable {
            let code: String
            let name_zh: String
            let name_en: String
            let iso_3166_2: String?
        }
        let properties: Properties
        let geometry: Geometry
    }

    /// Polygons as lists of rings of [lon, lat] positions; first ring outer, rest holes.
    struct Geometry: Decodable {
        let polygons: [[[[Double]]]]

        enum CodingKeys: String, CodingKey { case type, coordinates }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            switch try c.decode(String.self, forKey: .type) {
            case "Polygon": polygons = [try c.decode([[[Double]]].self, forKey: .coordinates)]
            case "MultiPolygon": polygons = try c.decode([[[[Double]]]].self, forKey: .coordinates)
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                    debugDescription: "geometry type \(other) is not Polygon or MultiPolygon")
            }
        }
    }

    let features: [Feature]
}

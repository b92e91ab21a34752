import Foundation
import GeoIndex
import Workload

/// The geographic data a cluster and its workloads use, from `cluster-config/geo/`.
public struct GeoData: Sendable {
    public let provinces: ProvinceLocator
    public let cities: CityTable

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The province polygons every point is located with: Natural Earth 1:10m.
    /// (The 1:50m `provinces.geojson` put Shenzhen's city point in Hong Kong.)
    public static let provincesFile = "provinces-10m.geojson"

    /// Reads `provinces-10m.geojson` and `cities.csv` from `directory`.
    public init(directory: String, nearestProvinceWithinKm: Double = 10) throws {
        let geojson = (directory as NSString).appendingPathComponent(Self.provincesFile)
        let citiesCSV = (directory as NSString).appendingPathComponent("cities.csv")
        guard let g = FileManager.default.contents(atPath: geojson), let c = FileManager.default.contents(atPath: citiesCSV) else {
            throw LoadError(description: "cannot read \(geojson) or \(citiesCSV); they ship in cluster-config/geo/")
        }
        provinces = try ProvinceLocator(geoJSON: g, nearestWithinKm: nearestProvinceWithinKm)
        cities = try CityTable(csv: String(decoding: c, as: UTF8.self))
    }

    /// The directory next to a config file (`<config dir>/geo`).
    public static func directory(forConfig path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("geo")
    }

    /// Cities weighted by population, for placing generated cases and sightings.
    public var places: [WeightedPlace] { cities.cities.map(Self.place) }

    /// Places by English city name, for scenarios that name their cities.
    public var placesByCityName: [String: WeightedPlace] {
        Dictionary(cities.cities.map { ($0.nameEn, Self.place($0)) }, uniquingKeysWith: { first, _ in first })
    }

    static func place(_ city: City) -> WeightedPlace {
        WeightedPlace(point: city.location, province: String(city.provinceCode), weight: Double(city.population ?? 50_000))
    }
}

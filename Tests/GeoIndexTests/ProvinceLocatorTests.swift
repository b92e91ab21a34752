import Foundation
import Testing
@testable import GeoIndex

/// Province lookup on the shipped data (cluster-config/geo, the 1:10m polygons
/// the cluster uses), against brute force.
@Suite struct ProvinceLocatorTests {
    static let geoDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("cluster-config/geo")

    static func load() throws -> (ProvinceLocator, CityTable) {
        let geoJSON = try Data(contentsOf: geoDirectory.appendingPathComponent("provinces-10m.geojson"))
        let csv = try String(contentsOf: geoDirectory.appendingPathComponent("cities.csv"), encoding: .utf8)
        return (try ProvinceLocator(geoJSON: geoJSON), try CityTable(csv: csv))
    }

    @Test func parsesAllProvincesAndCities() throws {
        let (locator, table) = try Self.load()
        #expect(locator.provinces.count == 34)
        #expect(table.cities.count == 340)
        #expect(Set(table.cities.map(\.provinceCode)).isSubset(of: Set(locator.provinces.map(\.code))))
        #expect(table.cities.first?.nameEn == "Beijing")
        #expect(table.cities.first { $0.code == 632800 }?.population == nil)
        #expect(locator.edgeCount > 1000)
    }

    /// The one city whose point lies in another province, per the data's README:
    /// Jiagedaqi, seat of 232700 Da Hinggan Ling (Heilongjiang), is a real enclave
    /// inside Inner Mongolia. (The 1:50m polygons also put Shenzhen in Hong Kong
    /// and Sansha ~300 km off Hainan Island.)
    static let knownElsewhere: [Int: Int?] = [232700: 150000]

    @Test func everyCityResolvesToItsOwnProvince() throws {
        let (locator, table) = try Self.load()
        var fallbacks = 0
        for city in table.cities {
            let got = locator.locate(city.location)?.code
            if let expected = Self.knownElsewhere[city.code] {
                #expect(got == expected, "\(city.code) \(city.nameEn)")
            } else {
                #expect(got == city.provinceCode, "\(city.code) \(city.nameEn) resolved to \(String(describing: got))")
            }
            if locator.province(containing: city.location) == nil { fallbacks += 1 }
        }
        // Xiamen, Shantou and Sansha lie 0.2-0.9 km off the 1:10m coastline.
        #expect(fallbacks == 3, "the coastal city points just offshore need the fallback")
        // Sansha resolves to Hainan once the fallback reaches Hainan Island.
        let sansha = table.cities.first { $0.code == 460300 }!
        #expect(locator.nearestProvince(to: sansha.location, withinKm: 400)?.province.code == 460000)
    }

    /// Border points checked in the data's README: Shenzhen's own city point was
    /// in Hong Kong with the 1:50m polygons, so its alerts went to Hong Kong's desk.
    @Test func borderCitiesLieOnTheirSideOfTheBorder() throws {
        let (locator, _) = try Self.load()
        let expected: [(Double, Double, Int)] = [
            (22.54554, 114.06830, 440000),  // Shenzhen city point
            (22.52, 114.05, 440000),         // Futian
            (22.50, 114.12, 810000),         // Sheung Shui
            (22.27694, 113.56778, 440000),   // Zhuhai city point
            (22.2245, 113.5497, 440000),     // 1 km north of the Gongbei crossing
            (22.2065, 113.5497, 820000),     // 1 km south of it, in Macao
        ]
        for (lat, lon, code) in expected {
            #expect(locator.locate(GeoPoint(latitude: lat, longitude: lon))?.code == code, "\(lat), \(lon)")
        }
    }

    @Test func pointsOutsideChinaAreNil() throws {
        let (locator, _) = try Self.load()
        let outside = [GeoPoint(latitude: 35.68, longitude: 139.69),  // Tokyo
                       GeoPoint(latitude: 37.57, longitude: 126.98),  // Seoul
                       GeoPoint(latitude: 28.61, longitude: 77.21),   // New Delhi
                       GeoPoint(latitude: 47.92, longitude: 106.92),  // Ulaanbaatar
                       GeoPoint(latitude: 21.03, longitude: 105.85),  // Hanoi
                       GeoPoint(latitude: -33.87, longitude: 151.21),
                       GeoPoint(latitude: 51.5, longitude: -0.12)]
        for p in outside {
            #expect(locator.locate(p) == nil, "\(p)")
            #expect(locator.bruteForceProvinceIndex(containing: p) == nil)
        }
    }

    @Test func treeLookupAgreesWithBruteForce() throws {
        let (locator, table) = try Self.load()
        var rng = SeededRandom(seed: 77)
        var inside = 0
        for i in 0..<4000 {
            var p: GeoPoint
            if i % 2 == 0 {
                p = GeoPoint(latitude: Double.random(in: 15...55, using: &rng), longitude: Double.random(in: 72...136, using: &rng))
            } else {
                let c = table.cities.randomElement(using: &rng)!.location
                p = GeoPoint(latitude: c.latitude + Double.random(in: -0.3...0.3, using: &rng),
                             longitude: c.longitude + Double.random(in: -0.3...0.3, using: &rng))
            }
            let got = locator.provinceIndex(containing: p)
            #expect(got == locator.bruteForceProvinceIndex(containing: p), "\(p)")
            #expect(locator.exactProvinceIndex(containing: p) == got, "grid vs tree at \(p)")
            if got != nil { inside += 1 }
        }
        #expect(inside > 1500)
        // Points exactly on the answer grid's cell corners and edges.
        for _ in 0..<3000 {
            let lon = locator.gridBox.minLongitude + Double(Int.random(in: 0...250, using: &rng)) * 0.25
            let lat = locator.gridBox.minLatitude + Double(Int.random(in: 0...150, using: &rng)) * 0.25
                + (Bool.random(using: &rng) ? 0 : 0.125)
            let p = GeoPoint(latitude: lat, longitude: lon)
            #expect(locator.provinceIndex(containing: p) == locator.bruteForceProvinceIndex(containing: p), "\(p)")
        }
        // Points exactly on polygon vertices and edge midpoints.
        // About 1,100 edges, as many as stride 7 gave over the 1:50m polygons.
        for e in stride(from: 0, to: locator.edgeCount, by: max(7, locator.edgeCount / 1_100)) {
            for p in [GeoPoint(latitude: locator.y0[e], longitude: locator.x0[e]),
                      GeoPoint(latitude: (locator.y0[e] + locator.y1[e]) / 2, longitude: (locator.x0[e] + locator.x1[e]) / 2)] {
                #expect(locator.provinceIndex(containing: p) == locator.bruteForceProvinceIndex(containing: p), "\(p)")
            }
        }
    }

    @Test func holesAndMultipolygons() throws {
        // A square province with a square hole, and a two-part province inside the hole.
        let json = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"code":"110000","name_zh":"甲","name_en":"A","iso_3166_2":"X-A"},
          "geometry":{"type":"Polygon","coordinates":[[[100,30],[110,30],[110,40],[100,40],[100,30]],[[103,33],[107,33],[107,37],[103,37],[103,33]]]}},
         {"type":"Feature","properties":{"code":"120000","name_zh":"乙","name_en":"B","iso_3166_2":"X-B"},
          "geometry":{"type":"MultiPolygon","coordinates":[[[[104,34],[106,34],[106,36],[104,36],[104,34]]],[[[120,30],[121,30],[121,31],[120,30]]]]}}]}
        """
        let locator = try ProvinceLocator(geoJSON: Data(json.utf8), nearestWithinKm: 50)
        #expect(locator.locate(GeoPoint(latitude: 31, longitude: 101))?.code == 110000)
        #expect(locator.province(containing: GeoPoint(latitude: 33.5, longitude: 103.5)) == nil)  // in the hole
        #expect(locator.province(containing: GeoPoint(latitude: 35, longitude: 105))?.code == 120000)
        #expect(locator.province(containing: GeoPoint(latitude: 30.2, longitude: 120.5))?.code == 120000)
        #expect(locator.province(containing: GeoPoint(latitude: 30.8, longitude: 120.2)) == nil)  // outside the triangle
        #expect(locator.locate(GeoPoint(latitude: 29.9, longitude: 105))?.code == 110000)  // 11 km south: fallback
        #expect(locator.locate(GeoPoint(latitude: 20, longitude: 105)) == nil)
        #expect(throws: GeoDataError.self) { try ProvinceLocator(geoJSON: Data("{\"type\":1}".utf8)) }
        #expect(throws: GeoDataError.self) { try CityTable(csv: "code,name\n1,2\n") }
        #expect(throws: GeoDataError.self) { try CityTable(csv: CityTable.header + "\n1,a,b,2,91,0,5\n") }
    }
}

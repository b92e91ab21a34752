import Foundation
import GeoIndex
import HomewardBasics

/// Draws points around weighted places: a place by weight, then a spread
/// around it (half-normal distance, uniform bearing), as people cluster in cities.
public struct PlaceSampler: Sendable {
    public let places: [WeightedPlace]
    private let cumulative: [Double]
    /// Typical distance from a city centre, in kilometres.
    public let spreadKm: Double

    public init(places: [WeightedPlace], spreadKm: Double = 15) {
        precondition(!places.isEmpty, "PlaceSampler needs at least one place")
        self.places = places
        var total = 0.0
        cumulative = places.map { total += max(0, $0.weight); return total }
        self.spreadKm = spreadKm
    }

    public func place(using rng: inout SeededGenerator) -> WeightedPlace {
        let target = rng.unit() * cumulative.last!
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return places[lo]
    }

    /// A point near a place drawn by weight; the place's province comes along.
    public func point(using rng: inout SeededGenerator) -> (point: GeoPoint, province: String) {
        let p = place(using: &rng)
        return (Self.offset(p.point, distanceKm: abs(rng.gaussian()) * spreadKm, bearing: rng.unit() * 2 * .pi), p.province)
    }

    /// The point `distanceKm` from `origin` along `bearing` (radians), on the contract's sphere.
    public static func offset(_ origin: GeoPoint, distanceKm: Double, bearing: Double) -> GeoPoint {
        let d = distanceKm / Geodesy.earthRadiusKm
        let lat1 = origin.latitude * .pi / 180
        let lon1 = origin.longitude * .pi / 180
        let lat2 = asin(sin(lat1) * cos(d) + cos(lat1) * sin(d) * cos(bearing))
        let lon2 = lon1 + atan2(sin(bearing) * sin(d) * cos(lat1), cos(d) - sin(lat1) * sin(lat2))
        var lon = lon2 * 180 / .pi
        if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
        return GeoPoint(latitude: lat2 * 180 / .pi, longitude: lon)
    }
}

import Foundation
import GeoIndex
import HomewardBasics



/// Order-independent hash of a result set: wrapping sum of mix(id). The Python peer
/// computes the same, so result sets are compared without shipping them.
@inline(__always)
func geoBenchMix(_ id: UInt64) -> UInt64 {
    var z = id &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// Points with a realistic skew over China: a city picked with probability
/// proportional to its population, then a random bearing and a half-normal distance
/// (three in four within an urban spread of σ = 10 km, the rest σ = 60 km).
struct SkewedPointSampler {
    let cities: [City]
    let cumulative: [Double]

    init(cities: [City]) {
        self.cities = cities
        var acc = 0.0
        cumulative = cities.map { acc += Double(max($0.population ?? 50_000, 50_000)); return acc }
    }

    func sample(_ rng: inout SeededGenerator) -> GeoPoint {
        let x = Double.random(in: 0..<cumulative.last!, using: &rng)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        let c = cities[lo].location
        let sigma = Double.random(in: 0..<1, using: &rng) < 0.75 ? 10.0 : 60.0
        let d = abs(rng.gaussian()) * sigma
        let bearing = Double.random(in: 0..<(2 * Double.pi), using: &rng)
        let kmPerDegree = Geodesy.earthRadiusKm * Double.pi / 180
        let lat = min(89, max(-89, c.latitude + d * cos(bearing) / kmPerDegree))
        var lon = c.longitude + d * sin(bearing) / (kmPerDegree * cos(lat * Double.pi / 180))
        if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
        return GeoPoint(latitude: lat, longitude: lon)
    }
}

/// Per-query result counts and hashes of one engine on one workload.
struct GeoResultSets: Equatable {
    var counts: [Int64]
    var hashes: [UInt64]

    init(queries: Int) {
        counts = [Int64](repeating: 0, count: queries)
        hashes = [UInt64](repeating: 0, count: queries)
    }

    init(counts: [Int64], hashes: [UInt64]) {
        self.counts = counts
        self.hashes = hashes
    }

    var resultsPerQuery: Double {
        counts.isEmpty ? 0 : Double(counts.reduce(0, +)) / Double(counts.count)
    }
}

/// Seconds of wall time taken by `body`.
func geoBenchSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

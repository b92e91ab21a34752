import Foundation

/// Exact "is this point within r km of the centre" (the contract's haversine), made
/// fast: a trig-free polynomial estimate of the haversine term h decides every point
/// clearly inside or outside, and only points within a relative band of 1e-7 around
/// the boundary pay for `Geodesy.haversineKm`. The estimate's error is below 1e-10
/// relative (Taylor terms to x^9 for |x| <= 0.5 rad), far inside the band, so the
/// answers are the same as calling `haversineKm(...) <= r` for every point.
@usableFromInline
struct CircleTest {
    @usableFromInline let center: GeoPoint
    @usableFromInline let radiusKm: Double
    @usableFromInline let latRad: Double
    @usableFromInline let cosLat: Double
    @usableFromInline let sinLat: Double
    @usableFromInline let hLow: Double
    @usableFromInline let hHigh: Double
    /// Radius at or beyond half the circumference: every point is inside.
    @usableFromInline let everything: Bool

    @usableFromInline static let band = 1e-7
    @usableFromInline static let rad = Double.pi / 180

    @inlinable
    init(center: GeoPoint, radiusKm: Double) {
        self.center = center
        self.radiusKm = radiusKm
        latRad = center.latitude * CircleTest.rad
        cosLat = cos(latRad)
        sinLat = sin(latRad)
        everything = radiusKm >= Double.pi * Geodesy.earthRadiusKm
        let s = sin(min(max(radiusKm, 0), Double.pi * Geodesy.earthRadiusKm) / (2 * Geodesy.earthRadiusKm))
        let h = s * s
        hLow = h * (1 - CircleTest.band)
        hHigh = h * (1 + CircleTest.band) + 1e-300
        // Circles up to ~300 km away from the poles: every point of the circle's box
        // has |Δlat|, |Δlon| < 0.12 rad, where shorter series suffice (see estimateH).
        let angular = radiusKm / Geodesy.earthRadiusKm
        short = angular < 0.055 && abs(center.latitude) < 60
    }

    /// Use the short series (|x| <= 0.12 rad); points beyond that take the exact path.
    @usableFromInline let short: Bool

    /// sin x to x⁵: error below x⁷/5040, 2e-11 relative for |x| <= 0.06.
    @inlinable @inline(__always)
    static func sinShort(_ x: Double) -> Double {
        let x2 = x * x
        return x * (1 - x2 / 6 * (1 - x2 / 20))
    }

    /// cos x to x⁶: error below x⁸/40320, 1.1e-12 for |x| <= 0.12.
    @inlinable @inline(__always)
    static func cosShort(_ x: Double) -> Double {
        let x2 = x * x
        return 1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30))
    }

    @inlinable @inline(__always)
    static func sinPoly(_ x: Double) -> Double {
        let x2 = x * x
        return x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72))))
    }

    @inlinable @inline(__always)
    static func cosPoly(_ x: Double) -> Double {
        let x2 = x * x
        return 1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30 * (1 - x2 / 56 * (1 - x2 / 90))))
    }

    /// Estimated haversine term, or -1 when the point is too far for the polynomials.
    @inlinable @inline(__always)
    func estimateH(latitude: Double, longitude: Double) -> Double {
        let dLat = latitude * CircleTest.rad - latRad
        let dLon = (longitude - center.longitude) * CircleTest.rad
        if short {
            if !(abs(dLat) < 0.12 && abs(dLon) < 0.12) { return -1 }
            let sa = CircleTest.sinShort(dLat * 0.5)
            let sb = CircleTest.sinShort(dLon * 0.5)
            // sin(dLat) to x⁷ here: |dLat| up to 0.12 needs one more term than the halves.
            let x2 = dLat * dLat
            let sinD = dLat * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42)))
            let cos2 = cosLat * CircleTest.cosShort(dLat) - sinLat * sinD
            return sa * sa + cosLat * cos2 * sb * sb
        }
        if !(abs(dLat) < 0.5 && abs(dLon) < 1.0) { return -1 }
        let sa = CircleTest.sinPoly(dLat * 0.5)
        let sb = CircleTest.sinPoly(dLon * 0.5)
        let cos2 = cosLat * CircleTest.cosPoly(dLat) - sinLat * CircleTest.sinPoly(dLat)
        return sa * sa + cosLat * cos2 * sb * sb
    }

    @inlinable @inline(__always)
    func contains(latitude: Double, longitude: Double) -> Bool {
        if everything { return true }
        let h = estimateH(latitude: latitude, longitude: longitude)
        if h >= 0 {
            if h <= hLow { return true }
            if h >= hHigh { return false }
        }
        return Geodesy.haversineKm(center, GeoPoint(latitude: latitude, longitude: longitude)) <= radiusKm
    }

    /// True only when every point of the box is certainly inside: the farthest point
    /// of a lon/lat box (|Δlon| < 57°) from the centre is one of its corners.
    @inlinable @inline(__always)
    func containsBox(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) -> Bool {
        if everything { return true }
        let a = estimateH(latitude: minLat, longitude: minLon)
        let b = estimateH(latitude: minLat, longitude: maxLon)
        let c = estimateH(latitude: maxLat, longitude: minLon)
        let d = estimateH(latitude: maxLat, longitude: maxLon)
        return a >= 0 && b >= 0 && c >= 0 && d >= 0 && max(max(a, b), max(c, d)) <= hLow
    }
}

import Foundation

/// Distances on a spherical Earth, as the matching contract defines them.
public enum Geodesy {
    /// Mean Earth radius (IUGG R1) in kilometres; the contract fixes this value.
    public static let earthRadiusKm = 6371.0088

    /// Great-circle distance in kilometres by the haversine formula.
    ///
    /// This exact expression is the contract's distance: every engine (R-tree,
    /// reference matcher, SQL peers in benchmarks) must use it so that a case
    /// exactly at its reach is treated the same everywhere.
    @inlinable
    public static func haversineKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let degreesToRadians = Double.pi / 180
        let lat1 = a.latitude * degreesToRadians
        let lat2 = b.latitude * degreesToRadians
        let dLat = lat2 - lat1
        let dLon = (b.longitude - a.longitude) * degreesToRadians
        let sinHalfLat = sin(dLat / 2)
        let sinHalfLon = sin(dLon / 2)
        let h = sinHalfLat * sinHalfLat + cos(lat1) * cos(lat2) * sinHalfLon * sinHalfLon
        // min() guards asin's domain against rounding just above 1 at antipodes.
        return 2 * earthRadiusKm * asin(min(1, h.squareRoot()))
    }
}

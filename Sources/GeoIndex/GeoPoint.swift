/// A point on the Earth in WGS84 decimal degrees.
///
/// Latitude comes first, as people say it ("39.9° N, 116.4° E"); GeoJSON and
/// the R-tree's boxes use (lon, lat) order, so conversions name both.
public struct GeoPoint: Hashable, Sendable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True when both coordinates are finite and in range
    /// (latitude in [-90, 90], longitude in [-180, 180]).
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite
            && (-90.0...90.0).contains(latitude)
            && (-180.0...180.0).contains(longitude)
    }

    public var description: String { "(\(latitude), \(longitude))" }
}

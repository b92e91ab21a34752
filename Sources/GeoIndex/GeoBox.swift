/// An axis-aligned box in degrees: longitude on x, latitude on y (GeoJSON order).
///
/// Boxes never wrap: `minLongitude <= maxLongitude` always. A region that crosses
/// the antimeridian is described by two boxes (see `Geodesy.circleBounds`).
/// Edges are inclusive: a point on an edge is inside.
public struct GeoBox: Hashable, Sendable, CustomStringConvertible {
    public var minLongitude: Double
    public var minLatitude: Double
    public var maxLongitude: Double
    public var maxLatitude: Double

    @inlinable
    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// The degenerate box holding exactly one point.
    @inlinable
    public init(point: GeoPoint) {
        self.init(minLongitude: point.longitude, minLatitude: point.latitude,
                  maxLongitude: point.longitude, maxLatitude: point.latitude)
    }

    /// The whole globe.
    public static let world = GeoBox(minLongitude: -180, minLatitude: -90, maxLongitude: 180, maxLatitude: 90)

    /// True when the corners are finite and ordered (min <= max on both axes).
    @inlinable
    public var isValid: Bool {
        minLongitude.isFinite && minLatitude.isFinite && maxLongitude.isFinite && maxLatitude.isFinite
            && minLongitude <= maxLongitude && minLatitude <= maxLatitude
    }

    /// Centre in degrees. For a degenerate (point) box this is exactly the point.
    @inlinable
    public var center: GeoPoint {
        GeoPoint(latitude: (minLatitude + maxLatitude) / 2, longitude: (minLongitude + maxLongitude) / 2)
    }

    @inlinable
    public func contains(_ point: GeoPoint) -> Bool {
        point.longitude >= minLongitude && point.longitude <= maxLongitude
            && point.latitude >= minLatitude && point.latitude <= maxLatitude
    }

    @inlinable
    public func contains(_ other: GeoBox) -> Bool {
        other.minLongitude >= minLongitude && other.maxLongitude <= maxLongitude
            && other.minLatitude >= minLatitude && other.maxLatitude <= maxLatitude
    }

    @inlinable
    public func intersects(_ other: GeoBox) -> Bool {
        other.minLongitude <= maxLongitude && other.maxLongitude >= minLongitude
            && other.minLatitude <= maxLatitude && other.maxLatitude >= minLatitude
    }

    /// Smallest box holding both.
    @inlinable
    public func union(_ other: GeoBox) -> GeoBox {
        GeoBox(minLongitude: Swift.min(minLongitude, other.minLongitude),
               minLatitude: Swift.min(minLatitude, other.minLatitude),
               maxLongitude: Swift.max(maxLongitude, other.maxLongitude),
               maxLatitude: Swift.max(maxLatitude, other.maxLatitude))
    }

    /// Area in square degrees: the R-tree's split and choose-subtree cost.
    @inlinable
    public var degreeArea: Double { (maxLongitude - minLongitude) * (maxLatitude - minLatitude) }

    public var description: String {
        "[lon \(minLongitude)…\(maxLongitude), lat \(minLatitude)…\(maxLatitude)]"
    }
}

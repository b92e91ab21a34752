import GeoIndex

/// A place people are drawn to, with a weight (a city and its population).
public struct WeightedPlace: Hashable, Sendable {
    public var point: GeoPoint
    public var province: String
    public var weight: Double

    public init(point: GeoPoint, province: String, weight: Double) {
        self.point = point
        self.province = province
        self.weight = weight
    }
}

/// Reference geo data (GeoJSON provinces, city CSV) that cannot be used, with where and why.
public struct GeoDataError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

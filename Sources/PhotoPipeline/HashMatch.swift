/// A stored hash found near a query: its id and Hamming distance.
public struct HashMatch: Sendable, Hashable {
    public var id: UInt64
    public var distance: Int

    public init(id: UInt64, distance: Int) {
        self.id = id
        self.distance = distance
    }
}

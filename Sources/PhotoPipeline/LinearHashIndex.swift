/// The reference answer for `MultiIndexHashIndex`: compares the query with
/// every stored hash. Nearest wins; ties go to the earliest inserted.
public struct LinearHashIndex: Sendable {
    public private(set) var hashes: [PerceptualHash] = []
    public private(set) var ids: [UInt64] = []

    public init() {}

    public var count: Int { hashes.count }

    public mutating func insert(_ hash: PerceptualHash, id: UInt64) {
        hashes.append(hash)
        ids.append(id)
    }

    /// Removes the entry of `hash` under `id`.
    public mutating func remove(_ hash: PerceptualHash, id: UInt64) {
        guard let i = hashes.indices.first(where: { hashes[$0] == hash && ids[$0] == id }) else { return }
        hashes.remove(at: i)
        ids.remove(at: i)
    }

    public func nearest(to query: PerceptualHash, maxDistance: Int) -> HashMatch? {
        var best: HashMatch?
        hashes.withUnsafeBufferPointer { stored in
            for i in 0..<stored.count {
                let d = stored[i].distance(to: query)
                if d <= maxDistance, d < (best?.distance ?? Int.max) {
                    best = HashMatch(id: ids[i], distance: d)
                }
            }
        }
        return best
    }
}

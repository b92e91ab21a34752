/// A face descriptor scaled to unit length, so that the matching contract's
/// dot product is the cosine similarity.
public struct FaceEmbedding: Sendable, Hashable {
    public static let dimension = 128

    public let values: [Float]

    /// L2-normalises `raw`. Returns nil for a wrong dimension, a non-finite
    /// component or a zero vector (the contract rejects those at intake).
    public init?(normalizing raw: [Float]) {
        guard raw.count == Self.dimension, raw.allSatisfy(\.isFinite) else { return nil }
        var sum: Double = 0
        for v in raw { sum += Double(v) * Double(v) }
        guard sum > 0, sum.isFinite else { return nil }
        let inverse = Float(1 / sum.squareRoot())
        values = raw.map { $0 * inverse }
    }

    /// Dot product (cosine similarity of the two faces).
    public func dot(_ other: FaceEmbedding) -> Float {
        var sum: Float = 0
        for i in 0..<Self.dimension { sum += values[i] * other.values[i] }
        return sum
    }
}

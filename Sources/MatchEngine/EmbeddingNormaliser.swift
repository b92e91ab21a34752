/// Intake's L2 normalisation of face embeddings (contract: "Embeddings are
/// L2-normalised at intake; a zero, non-finite or wrong-dimension vector is rejected").
public struct EmbeddingNormaliser: Hashable, Sendable {
    public let dimension: Int

    /// How far from 1 a stored vector's norm may be (fp32 rounding of a normalised vector).
    public static let normTolerance = 1e-4

    public init(dimension: Int) { self.dimension = dimension }

    /// Returns `vector / |vector|`, computed in Double and rounded to Float.
    public func normalise(_ vector: [Float]) throws(FeatureValidationError) -> [Float] {
        try check(vector)
        var sum = 0.0
        for v in vector { sum += Double(v) * Double(v) }
        guard sum > 0, sum.isFinite else { throw .zeroVector }
        let scale = 1 / sum.squareRoot()
        return vector.map { Float(Double($0) * scale) }
    }

    /// Checks dimension and finiteness only.
    public func check(_ vector: [Float]) throws(FeatureValidationError) {
        guard vector.count == dimension else { throw .wrongDimension(expected: dimension, got: vector.count) }
        for (i, v) in vector.enumerated() where !v.isFinite { throw .nonFinite(index: i) }
        guard vector.contains(where: { $0 != 0 }) else { throw .zeroVector }
    }

    /// Checks that `vector` is already normalised (what stores require).
    public func checkNormalised(_ vector: [Float]) throws(FeatureValidationError) {
        try check(vector)
        var sum = 0.0
        for v in vector { sum += Double(v) * Double(v) }
        let norm = sum.squareRoot()
        guard abs(norm - 1) <= Self.normTolerance else { throw .notNormalised(norm: norm) }
    }
}

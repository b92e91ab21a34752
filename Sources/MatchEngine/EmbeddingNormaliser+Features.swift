/// Checks a case's or sighting's embeddings; errors name the embedding's index.
func validateEmbeddings(_ embeddings: [[Float]], dimension: Int) throws(FeatureValidationError) {
    let normaliser = EmbeddingNormaliser(dimension: dimension)
    for (i, e) in embeddings.enumerated() {
        do {
            try normaliser.checkNormalised(e)
        } catch {
            switch error {
            case .wrongDimension(let x, let g): throw .embedding(index: i, reason: .wrongDimension(expected: x, got: g))
            case .nonFinite(let j): throw .embedding(index: i, reason: .nonFinite(index: j))
            case .zeroVector: throw .embedding(index: i, reason: .zeroVector)
            case .notNormalised(let norm): throw .embedding(index: i, reason: .notNormalised(norm: norm))
            default: throw error
            }
        }
    }
}

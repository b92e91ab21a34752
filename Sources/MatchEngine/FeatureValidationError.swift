/// Why a vector or a case/sighting was refused by the matching engine's intake checks.
public enum FeatureValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    case wrongDimension(expected: Int, got: Int)
    case nonFinite(index: Int)
    case zeroVector
    case notNormalised(norm: Double)
    case noEmbeddings
    case tooManyEmbeddings(count: Int, limit: Int)
    case embedding(index: Int, reason: EmbeddingIssue)
    case invalidLocation
    case invalidAgeRange(lo: Double, hi: Double)
    case markTagOutOfRange(Int)

    /// The vector-level reason inside `.embedding`.
    public enum EmbeddingIssue: Hashable, Sendable {
        case wrongDimension(expected: Int, got: Int)
        case nonFinite(index: Int)
        case zeroVector
        case notNormalised(norm: Double)
    }

    public var description: String {
        switch self {
        case .wrongDimension(let e, let g):
            "embedding has \(g) values but the matcher is configured for \(e): use the model the cluster was configured with"
        case .nonFinite(let i): "embedding value \(i) is NaN or infinite: the face extractor produced a broken vector"
        case .zeroVector: "embedding is all zeros and cannot be normalised: the face extractor produced no face"
        case .notNormalised(let n): "embedding norm is \(n), not 1: normalise it at intake with EmbeddingNormaliser"
        case .noEmbeddings: "no face embedding given: a case needs 1–8 photos, a sighting at least one face"
        case .tooManyEmbeddings(let c, let l): "\(c) embeddings given; at most \(l) are allowed"
        case .embedding(let i, let reason): "embedding \(i): \(Self.describe(reason))"
        case .invalidLocation: "location is out of range: latitude must be in [-90, 90], longitude in [-180, 180]"
        case .invalidAgeRange(let lo, let hi): "estimated age range [\(lo), \(hi)] is invalid: need 0 ≤ lo ≤ hi ≤ \(SightingFeatures.maxAgeYears)"
        case .markTagOutOfRange(let t): "mark tag \(t) is outside the vocabulary 0..<\(MarkSet.capacity)"
        }
    }

    static func describe(_ issue: EmbeddingIssue) -> String {
        switch issue {
        case .wrongDimension(let e, let g): FeatureValidationError.wrongDimension(expected: e, got: g).description
        case .nonFinite(let i): FeatureValidationError.nonFinite(index: i).description
        case .zeroVector: FeatureValidationError.zeroVector.description
        case .notNormalised(let n): FeatureValidationError.notNormalised(norm: n).description
        }
    }
}

import GeoIndex
@testable import MatchEngine
import HomewardBasics

typealias SeededRNG = SeededGenerator

enum Workload {
    static func unitVector(_ dimension: Int, _ rng: inout SeededRNG) -> [Float] {
        let raw = (0..<dimension).map { _ in Float.random(in: -1...1, using: &rng) }
        return try! EmbeddingNormaliser(dimension: dimension).normalise(raw)
    }

    /// A vector close to `base` (so face scores clear a realistic threshold).
    static func near(_ base: [Float], noise: Float, _ rng: inout SeededRNG) -> [Float] {
        let raw = base.map { $0 + Float.random(in: -noise...noise, using: &rng) }
        return try! EmbeddingNormaliser(dimension: base.count).normalise(raw)
    }

    static func marks(_ rng: inout SeededRNG) -> MarkSet {
        var m = MarkSet()
        for _ in 0..<Int.random(in: 0...3, using: &rng) { try! m.insert(Int.random(in: 0..<12, using: &rng)) }
        return m
    }

    static let origin = GeoPoint(latitude: 30.0, longitude: 114.0)

    static func point(_ rng: inout SeededRNG, spreadDegrees: Double = 8) -> GeoPoint {
        GeoPoint(latitude: origin.latitude + Double.random(in: -spreadDegrees...spreadDegrees, using: &rng),
                 longitude: origin.longitude + Double.random(in: -spreadDegrees...spreadDegrees, using: &rng))
    }

    static let year: Int64 = 31_556_952
    static let now: Int64 = 1_800_000_000

    /// Cases built around a few face "identities" so that many pairs clear the
    /// threshold, several cases share an embedding exactly (score ties), and the
    /// times straddle every reach tier.
    static func cases(count: Int, dimension: Int, identities: [[Float]], _ rng: inout SeededRNG) -> [CaseFeatures] {
        let elapsedChoices: [Int64] = [0, 3_600, 3_601, 7_200, 10_800, 86_400, 86_401, 604_800, 604_801, 3 * year, -5]
        return (0..<count).map { i in
            let identity = identities[Int.random(in: 0..<identities.count, using: &rng)]
            let photos = Int.random(in: 1...3, using: &rng)
            let embeddings: [[Float]] = (0..<photos).map { _ in
                Bool.random(using: &rng) ? identity : near(identity, noise: 0.3, &rng)
            }
            let elapsed = elapsedChoices[Int.random(in: 0..<elapsedChoices.count, using: &rng)]
                + Int64.random(in: 0...1, using: &rng) * Int64.random(in: -600...600, using: &rng)
            return CaseFeatures(
                id: UInt64(1_000 + i * 7), embeddings: embeddings,
                sex: Sex.allCases[Int.random(in: 0..<3, using: &rng)],
                birthDate: now - Int64.random(in: 1...15, using: &rng) * year - Int64.random(in: 0..<year, using: &rng),
                missingSince: now - elapsed, lastSeen: point(&rng), marks: marks(&rng))
        }
    }

    static func sightings(count: Int, dimension: Int, identities: [[Float]], _ rng: inout SeededRNG,
                          firstID: UInt64 = 1) -> [SightingFeatures] {
        (0..<count).map { i in
            let faces = Int.random(in: 1...2, using: &rng)
            let embeddings: [[Float]] = (0..<faces).map { _ in
                let identity = identities[Int.random(in: 0..<identities.count, using: &rng)]
                return Bool.random(using: &rng) ? identity : near(identity, noise: 0.3, &rng)
            }
            let lo = Double(Int.random(in: 0...12, using: &rng))
            return SightingFeatures(
                id: firstID + UInt64(i), observedAt: now + Int64.random(in: -3_600...3_600, using: &rng),
                location: point(&rng), sex: Sex.allCases[Int.random(in: 0..<3, using: &rng)],
                estimatedAge: Bool.random(using: &rng) ? lo...(lo + 3) : nil,
                marks: Bool.random(using: &rng) ? marks(&rng) : MarkSet(), embeddings: embeddings)
        }
    }

    static var testedKernels: [MatchKernel] { MatchKernel.allCases.filter(\.isSupported) }

    /// Every kernel without a prefilter, with each prefilter on every call, and
    /// with the default choice (int8 only where the CPU has it, or with the
    /// scalar kernel, which prefilters with the twin).
    static var testedScans: [(kernel: MatchKernel, prefilter: ScanPrefilter)] {
        testedKernels.flatMap { k in
            [(k, .none), (k, .bf16), (k, .automatic)] + (k == .scalar || ScanPrefilter.int8.isSupported ? [(k, .int8)] : [])
        }
    }
}

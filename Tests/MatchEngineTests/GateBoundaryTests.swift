import GeoIndex
import Testing
@testable import MatchEngine

/// Every gate exactly at its boundary, in the reference and in the engine.
@Suite struct GateBoundaryTests {
    static let dimension = 8
    static let face: [Float] = [1, 0, 0, 0, 0, 0, 0, 0]

    static func pair(elapsed: Int64, caseAt: GeoPoint = Workload.origin, sightingAt: GeoPoint = Workload.origin,
                     caseSex: Sex = .unknown, sightingSex: Sex = .unknown, birthBeforeSighting: Int64 = 5 * Workload.year,
                     ageRange: ClosedRange<Double>? = nil, sightingFace: [Float] = face) -> (CaseFeatures, SightingFeatures) {
        let t = Workload.now
        let c = CaseFeatures(id: 42, embeddings: [face], sex: caseSex, birthDate: t - birthBeforeSighting,
                             missingSince: t - elapsed, lastSeen: caseAt)
        let s = SightingFeatures(id: 7, observedAt: t, location: sightingAt, sex: sightingSex,
                                 estimatedAge: ageRange, embeddings: [sightingFace])
        return (c, s)
    }

    /// Matches in the reference and in the engine (every kernel); both must agree.
    static func matches(_ p: (CaseFeatures, SightingFeatures), config: MatchConfig) async throws -> Bool {
        let expected = ReferenceMatcher(config: config).match(sighting: p.1, cases: [p.0])
        for (kernel, prefilter) in Workload.testedScans {
            let engine = MatchEngine(config: config, partitions: 1, kernel: kernel, prefilter: prefilter)
            try await engine.upsertCase(p.0)
            #expect(try await engine.match([p.1])[0] == expected, "kernel \(kernel) \(prefilter)")
            try await engine.storeSighting(p.1)
            #expect(try await engine.matchNewCase(p.0) == expected, "kernel \(kernel) \(prefilter), step 10")
        }
        return !expected.isEmpty
    }

    static let config = MatchConfig(dimension: dimension, faceThreshold: 0.5)

    @Test func timeIsInclusiveAtZeroAndTiersAtTheirEdges() async throws {
        #expect(try await Self.matches(Self.pair(elapsed: 0), config: Self.config))
        #expect(try await !Self.matches(Self.pair(elapsed: -1), config: Self.config))
        // 150 km away: out of reach at exactly 1 h (100 km), in reach one second later (200 km).
        let away = GeoPoint(latitude: Workload.origin.latitude + 150 / 111.19, longitude: Workload.origin.longitude)
        #expect(try await !Self.matches(Self.pair(elapsed: 3_600, caseAt: away), config: Self.config))
        #expect(try await Self.matches(Self.pair(elapsed: 3_601, caseAt: away), config: Self.config))
        // 5000 km: only the unlimited tier (after 7 days) reaches it.
        let far = GeoPoint(latitude: -10, longitude: 70)
        #expect(try await !Self.matches(Self.pair(elapsed: 604_800, caseAt: far), config: Self.config))
        #expect(try await Self.matches(Self.pair(elapsed: 604_801, caseAt: far), config: Self.config))
    }

    @Test func urgentTierIsInclusiveAt24Hours() async throws {
        let config = Self.config
        for (elapsed, tier) in [(Int64(86_400), MatchCandidate.Tier.urgent), (86_401, .review)] {
            let p = Self.pair(elapsed: elapsed)
            #expect(ReferenceMatcher(config: config).match(sighting: p.1, cases: [p.0]).first?.tier == tier)
            #expect(try await Self.matches(p, config: config))
        }
    }

    @Test func distanceExactlyAtTheReachMatches() async throws {
        let a = Workload.origin, b = GeoPoint(latitude: 31.234567, longitude: 115.7654321)
        let distance = Geodesy.haversineKm(a, b)
        let exact = MatchConfig(dimension: Self.dimension, faceThreshold: 0.5,
                                reachTiers: try ReachTierTable(tiers: [.init(maxElapsedSeconds: 1_000, reachKm: distance)]))
        let short = MatchConfig(dimension: Self.dimension, faceThreshold: 0.5,
                                reachTiers: try ReachTierTable(tiers: [.init(maxElapsedSeconds: 1_000, reachKm: distance.nextDown)]))
        #expect(try await Self.matches(Self.pair(elapsed: 1_000, caseAt: a, sightingAt: b), config: exact))
        #expect(try await !Self.matches(Self.pair(elapsed: 1_000, caseAt: a, sightingAt: b), config: short))
    }

    @Test func sexMustNotDifferWhenBothKnown() async throws {
        #expect(try await !Self.matches(Self.pair(elapsed: 10, caseSex: .female, sightingSex: .male), config: Self.config))
        #expect(try await Self.matches(Self.pair(elapsed: 10, caseSex: .female, sightingSex: .female), config: Self.config))
        #expect(try await Self.matches(Self.pair(elapsed: 10, caseSex: .unknown, sightingSex: .male), config: Self.config))
        #expect(try await Self.matches(Self.pair(elapsed: 10, caseSex: .male, sightingSex: .unknown), config: Self.config))
    }

    @Test func ageExactlyAtTheToleranceMatches() async throws {
        // Age at the sighting is exactly 5.0 years (5 × 365.2425 days).
        let birth = 5 * Workload.year
        let age = Double(birth) / 86_400 / 365.2425
        try #require(age == 5.0)
        let lowEdge = 7.0...9.0, highEdge = 1.0...3.0  // 7 − 2 = 5 and 3 + 2 = 5
        #expect(try await Self.matches(Self.pair(elapsed: 10, birthBeforeSighting: birth, ageRange: lowEdge), config: Self.config))
        #expect(try await Self.matches(Self.pair(elapsed: 10, birthBeforeSighting: birth, ageRange: highEdge), config: Self.config))
        #expect(try await !Self.matches(Self.pair(elapsed: 10, birthBeforeSighting: birth - 1, ageRange: lowEdge), config: Self.config))
        #expect(try await !Self.matches(Self.pair(elapsed: 10, birthBeforeSighting: birth + 1, ageRange: highEdge), config: Self.config))
    }

    @Test func faceExactlyAtTheThresholdMatches() async throws {
        // face = 0.5 exactly: (0.5, √0.75 …) · (1, 0 …).
        let seen: [Float] = [0.5, Float(0.75).squareRoot(), 0, 0, 0, 0, 0, 0]
        let at = MatchConfig(dimension: Self.dimension, faceThreshold: 0.5)
        let above = MatchConfig(dimension: Self.dimension, faceThreshold: Float(0.5).nextUp)
        #expect(try await Self.matches(Self.pair(elapsed: 10, sightingFace: seen), config: at))
        #expect(try await !Self.matches(Self.pair(elapsed: 10, sightingFace: seen), config: above))
    }
}

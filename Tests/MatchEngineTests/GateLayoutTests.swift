import Foundation
import GeoIndex
import Testing
@testable import MatchEngine

/// The gate-aware case layout (issue 16): results, admitted-row counts and
/// store invariants against `ReferenceMatcher`, with cases placed on every gate
/// boundary and the store mutated between matches. Failures name the seed.
@Suite struct GateLayoutTests {
    static let year = 365.2425 * 86_400

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func birthBoundsAreExactlyTheAgeTest(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for _ in 0..<200 {
            let t = Workload.now + Int64.random(in: -1_000_000...1_000_000, using: &rng)
            let lo = Double(Int.random(in: 0...20, using: &rng)) + [0, 0.5, 0.25, 1.0 / 3][Int.random(in: 0..<4, using: &rng)]
            let ages = lo...(lo + Double(Int.random(in: 0...5, using: &rng)))
            let tolerance = [0, 2, 1.5, 0.1][Int.random(in: 0..<4, using: &rng)]
            let bounds = SightingGate.birthBounds(observedAt: t, ages: ages, tolerance: tolerance)
            func passes(_ b: Int64) -> Bool {
                let age = Double(t - b) / 86_400 / 365.2425
                return age >= ages.lowerBound - tolerance && age <= ages.upperBound + tolerance
            }
            // A window can be empty (a zero-width range with no tolerance between two whole seconds).
            let edges = [ages.lowerBound - tolerance, ages.upperBound + tolerance].map { t - Int64($0 * Self.year) }
            var probes = edges.flatMap { [$0 - 1, $0, $0 + 1] }
            if bounds.earliest <= bounds.latest {
                probes += [bounds.earliest - 1, bounds.earliest, bounds.latest, bounds.latest + 1]
            }
            for b in probes {
                #expect(passes(b) == bounds.contains(b), "seed \(seed): t \(t) ages \(ages) tolerance \(tolerance) birth \(b)")
            }
        }
    }

    /// Cases around `sighting`'s gates: births on and next to the age bounds,
    /// missing-since on and next to every tier edge, last seen on and next to
    /// the reach, every sex.
    static func casesAround(_ s: SightingFeatures, config: MatchConfig, identities: [[Float]], firstID: UInt64,
                            count: Int, _ rng: inout SeededRNG) -> [CaseFeatures] {
        let gate = SightingGate(s.attributes, config: config)
        var births: [Int64] = [s.observedAt - Int64(Double.random(in: 0...16, using: &rng) * year)]
        if gate.births.earliest != Int64.min { births += [gate.births.earliest - 1, gate.births.earliest] }
        if gate.births.latest != Int64.max { births += [gate.births.latest, gate.births.latest + 1] }
        var elapsed: [Int64] = [-1, 0, Int64(Double.random(in: 8...5_000, using: &rng) * 86_400)]
        for tier in config.reachTiers.tiers { elapsed += [tier.maxElapsedSeconds, tier.maxElapsedSeconds + 1] }
        return (0..<count).map { i in
            let identity = identities[Int.random(in: 0..<identities.count, using: &rng)]
            let photos = Int.random(in: 1...3, using: &rng)
            let e = elapsed[Int.random(in: 0..<elapsed.count, using: &rng)]
            let reach = config.reachTiers.reachKm(elapsedSeconds: max(0, e))
            let distance = reach.isFinite ? reach * [0.5, 0.999_999, 1.000_001, 1.5][Int.random(in: 0..<4, using: &rng)] : 100
            return CaseFeatures(
                id: firstID + UInt64(i), embeddings: (0..<photos).map { _ in
                    Bool.random(using: &rng) ? identity : Workload.near(identity, noise: 0.3, &rng)
                },
                sex: Sex.allCases[Int.random(in: 0..<3, using: &rng)],
                birthDate: births[Int.random(in: 0..<births.count, using: &rng)],
                missingSince: s.observedAt - e,
                lastSeen: Self.destination(from: s.location, distanceKm: distance,
                                              bearingDegrees: Double.random(in: 0..<360, using: &rng)),
                marks: Workload.marks(&rng))
        }
    }

    /// The point `distanceKm` from `p` along the great circle at `bearingDegrees`.
    static func destination(from p: GeoPoint, distanceKm: Double, bearingDegrees: Double) -> GeoPoint {
        let r = Double.pi / 180, angle = distanceKm / Geodesy.earthRadiusKm, bearing = bearingDegrees * r
        let lat1 = p.latitude * r, lon1 = p.longitude * r
        let lat2 = asin(sin(lat1) * cos(angle) + cos(lat1) * sin(angle) * cos(bearing))
        let lon2 = lon1 + atan2(sin(bearing) * sin(angle) * cos(lat1), cos(angle) - sin(lat1) * sin(lat2))
        return GeoPoint(latitude: lat2 / r, longitude: (lon2 / r + 540).truncatingRemainder(dividingBy: 360) - 180)
    }

    static func sighting(id: UInt64, at t: Int64, identities: [[Float]], _ rng: inout SeededRNG) -> SightingFeatures {
        let lo = Double(Int.random(in: 0...14, using: &rng)) + [0, 0.5][Int.random(in: 0..<2, using: &rng)]
        let identity = identities[Int.random(in: 0..<identities.count, using: &rng)]
        return SightingFeatures(
            id: id, observedAt: t, location: Workload.point(&rng, spreadDegrees: 10),
            sex: Sex.allCases[Int.random(in: 0..<3, using: &rng)],
            estimatedAge: Int.random(in: 0..<4, using: &rng) == 0 ? nil : lo...(lo + Double(Int.random(in: 0...4, using: &rng))),
            marks: Bool.random(using: &rng) ? Workload.marks(&rng) : MarkSet(),
            embeddings: [Bool.random(using: &rng) ? identity : Workload.near(identity, noise: 0.3, &rng)])
    }

    @Test(arguments: [(UInt64(11), 1, MatchKernel.best, ScanPrefilter.none), (12, 2, .best, .bf16), (13, 3, .scalar, .none),
                      (14, 1, .scalar, .bf16), (15, 2, .best, .automatic), (16, 1, .scalar, .int8),
                      (17, 2, MatchKernel.best, ScanPrefilter.int8.isSupported ? .int8 : .automatic)])
    func layoutMatchesTheReferenceThroughMutations(seed: UInt64, partitions: Int, kernel: MatchKernel, prefilter: ScanPrefilter) async throws {
        var rng = SeededRNG(seed: seed)
        let dimension = 24
        let config = MatchConfig(dimension: dimension, faceThreshold: 0.6, topK: 4)
        let reference = ReferenceMatcher(config: config)
        let identities = (0..<3).map { _ in Workload.unitVector(dimension, &rng) }
        let engine = MatchEngine(config: config, partitions: partitions, kernel: kernel, prefilter: prefilter)
        var stored: [UInt64: CaseFeatures] = [:]
        var nextID: UInt64 = 1
        var t = Workload.now
        for round in 0..<8 {
            // Sightings later each round: stored cases cross reach tiers.
            t += [0, 3_600, 86_400, 8 * 86_400][round % 4]
            let sightings = (0..<Int.random(in: 1...70, using: &rng)).map { i in
                Self.sighting(id: UInt64(round * 100 + i + 1), at: t + Int64.random(in: -600...600, using: &rng),
                              identities: identities, &rng)
            }
            // New cases on the gate boundaries of a few of this round's sightings.
            var added: [CaseFeatures] = []
            for s in sightings.prefix(3) {
                added += Self.casesAround(s, config: config, identities: identities, firstID: nextID,
                                          count: round == 0 ? 150 : Int.random(in: 0...30, using: &rng), &rng)
                nextID += 1_000
            }
            // Replace some stored cases (new sex, birth, time or photo count), remove others.
            let victims = stored.keys.sorted().filter { _ in Int.random(in: 0..<10, using: &rng) == 0 }
            for (i, id) in victims.enumerated() {
                if i % 2 == 0 {
                    _ = await engine.removeCase(id: id)
                    stored[id] = nil
                } else if let s = sightings.randomElement(using: &rng) {
                    var c = Self.casesAround(s, config: config, identities: identities, firstID: id, count: 1, &rng)[0]
                    c.id = id
                    added.append(c)
                }
            }
            try await engine.upsertCases(added)
            for c in added { stored[c.id] = c }
            #expect(await engine.invariantViolation() == nil, "seed \(seed) round \(round)")

            let cases = stored.values.sorted { $0.id < $1.id }
            let outcome = try await engine.matchCounting(sightings)
            #expect(await engine.invariantViolation() == nil, "seed \(seed) round \(round) after matching")
            for (i, s) in sightings.enumerated() {
                #expect(outcome.candidates[i] == reference.match(sighting: s, cases: cases),
                        "seed \(seed) round \(round) sighting \(s.id)")
                let admitted = reference.admittedRows(sighting: s, cases: cases)
                #expect(outcome.rowsAdmitted?[i] == admitted, "seed \(seed) round \(round) sighting \(s.id)")
                #expect(outcome.rowsScanned[i] >= admitted, "seed \(seed) round \(round) sighting \(s.id)")
            }
            #expect(try await engine.match(sightings) == outcome.candidates, "seed \(seed) round \(round)")
        }
    }

    /// The gates cut the scan: long-missing cases of every age and sex, one
    /// sighting with a sex and a 3-year age range. Panels of 16 rows in blocks
    /// of 4 cost at most one block at each end of each group's admitted range.
    @Test func scannedRowsStayCloseToAdmittedRows() async throws {
        var rng = SeededRNG(seed: 31)
        let dimension = 16
        let config = MatchConfig(dimension: dimension, faceThreshold: 0.99, topK: 3)
        let engine = MatchEngine(config: config, partitions: 1, kernel: .best)
        let cases = (0..<6_000).map { i in
            CaseFeatures(id: UInt64(i + 1), embeddings: [Workload.unitVector(dimension, &rng)],
                         sex: Sex.allCases[i % 3],
                         birthDate: Workload.now - Int64(Double.random(in: 1...18, using: &rng) * Self.year),
                         missingSince: Workload.now - 30 * 86_400 - Int64(i), lastSeen: Workload.point(&rng))
        }
        try await engine.upsertCases(cases)
        let s = SightingFeatures(id: 1, observedAt: Workload.now, location: Workload.origin, sex: .female,
                                 estimatedAge: 6...9, embeddings: [Workload.unitVector(dimension, &rng)])
        let outcome = try await engine.matchCounting([s])
        let admitted = ReferenceMatcher(config: config).admittedRows(sighting: s, cases: cases)
        #expect(outcome.rowsAdmitted?[0] == admitted)
        // Two groups (female, unknown), each rounded out by under a 64-row block at both ends.
        #expect(outcome.rowsScanned[0] <= admitted + 2 * 2 * 64)
        #expect(outcome.rowsScanned[0] < cases.count / 3)
    }
}

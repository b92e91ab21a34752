import GeoIndex
import HomewardBasics

/// Turns a `Scenario` into a timed, seeded workload with ground truth.
///
/// Time is cut into 10 ms slices; each slice emits the events its rates call
/// for (fractions carry over), so ramps are smooth and the count is exact for a
/// seed. A repost only ever copies a photo from an earlier slice, so in send
/// order the original always goes first, as the truth says.
public struct ScenarioGenerator: Sendable {
    public let scenario: Scenario
    public let base: WorkloadGenerator
    /// Places by English city name, for scenarios that name cities.
    public let cities: [String: WeightedPlace]

    public struct UnknownCity: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "unknown city \"\(name)\" in the scenario; use an English name from cluster-config/geo/cities.csv" }
    }

    static let slice = 0.01

    public init(scenario: Scenario, base: WorkloadGenerator, cities: [String: WeightedPlace]) {
        self.scenario = scenario
        self.base = base
        self.cities = cities
    }

    func sampler(_ names: [String]?, spreadKm: Double = 15) throws -> PlaceSampler? {
        guard let names, !names.isEmpty else { return nil }
        return PlaceSampler(places: try names.map { name in
            guard let p = cities[name] else { throw UnknownCity(name: name) }
            return p
        }, spreadKm: spreadKm)
    }

    public func generate() throws -> ScenarioWorkload {
        var rng = SeededGenerator(seed: scenario.seed)
        let now = base.spec.now
        var draft = Draft()

        for i in 0..<scenario.cases {
            let identity = base.randomUnit(&rng)
            draft.identities.append(identity)
            draft.cases.append(base.makeCase(index: i, identity: identity, rng: &rng))
        }
        let freshInitial = draft.cases.indices.filter { now - draft.cases[$0].features.missingSince <= 86_400 }

        // Viral photos: posted once in the first second; every later repost copies one.
        var viral: [Int] = []
        var viralWeights: [Double] = []
        if let v = scenario.viral {
            let places = try sampler(v.cities)
            for k in 0..<v.photos {
                let t = Double(k) / Double(v.photos)
                viral.append(draft.addSighting(base.makeUnrelated(rng: &rng, submittedAt: now + Int64(t), places: places), at: t))
                viralWeights.append(1 + 2 * rng.unit())   // 10–30 reposts/s each when the total is 20/s per photo
            }
        }
        let viralTotal = viralWeights.reduce(0, +)

        var phaseStart = scenario.viral == nil ? 0.0 : 1.0
        var uniqueCarry = 0.0, repostCarry = 0.0, caseCarry = 0.0
        for phase in scenario.phases {
            let places = try sampler(phase.cities)
            let slices = Int((phase.seconds / Self.slice).rounded())
            for s in 0..<slices {
                let fraction = (Double(s) + 0.5) / Double(slices)
                let t0 = phaseStart + Double(s) * Self.slice
                let earlier = draft.uniques.count   // originals from earlier slices only

                uniqueCarry += phase.uniquePerS.at(fraction) * Self.slice
                let uniques = Int(uniqueCarry)
                uniqueCarry -= Double(uniques)
                for k in 0..<uniques {
                    let t = t0 + Self.slice * Double(k) / Double(uniques)
                    let submitted = now + Int64(t)
                    let sighting: GeneratedSighting
                    if rng.unit() < phase.trueFraction ?? 0.05, !draft.cases.isEmpty {
                        let c = !freshInitial.isEmpty && rng.unit() < base.spec.freshTargetFraction
                            ? freshInitial[Int(rng.next() % UInt64(freshInitial.count))]
                            : Int(rng.next() % UInt64(scenario.cases))
                        sighting = base.makeResighting(of: draft.cases[c], caseIndex: c, identity: draft.identities[c], rng: &rng,
                                                       submittedAt: submitted, places: places)
                    } else {
                        sighting = base.makeUnrelated(rng: &rng, submittedAt: submitted, places: places)
                    }
                    draft.addSighting(sighting, at: t)
                }

                repostCarry += (phase.repostsPerS?.at(fraction) ?? 0) * Self.slice
                let reposts = Int(repostCarry)
                repostCarry -= Double(reposts)
                for k in 0..<reposts {
                    let source: Int
                    if !viral.isEmpty {
                        source = viral[Self.pick(viralWeights, total: viralTotal, &rng)]
                    } else if earlier > 0 {
                        source = draft.uniques[Int(rng.next() % UInt64(earlier))]
                    } else { continue }
                    draft.addRepost(of: source, at: t0 + Self.slice * (Double(k) + 0.5) / Double(reposts))
                }

                caseCarry += (phase.newCasesPerS ?? 0) * Self.slice
                while caseCarry >= 1 {
                    caseCarry -= 1
                    let index = draft.cases.count
                    let identity = base.randomUnit(&rng)
                    let c = base.makeCase(index: index, identity: identity, rng: &rng)
                    draft.identities.append(identity)
                    draft.cases.append(c)
                    let t = t0 + Self.slice / 2
                    // Half were sighted a few seconds before their case existed (contract step 10).
                    if rng.unit() < 0.5 {
                        let seenAt = max(0, t - 1 - 9 * rng.unit())
                        draft.addSighting(base.makeResighting(of: c, caseIndex: index, identity: identity, rng: &rng,
                                                              submittedAt: now + Int64(seenAt)), at: seenAt)
                    }
                    draft.events.append(.init(at: t, event: .registerCase(index: index)))
                }
            }
            phaseStart += phase.seconds
        }

        var fresh: Set<Int> = []
        if let f = scenario.freshAbductions {
            for k in 0..<f.count {
                let registeredAt = f.firstAtS + Double(k) * f.everyS
                let city = try sampler([f.cities[k % f.cities.count]], spreadKm: 5)!
                let index = draft.cases.count
                let identity = base.randomUnit(&rng)
                let c = base.makeCase(index: index, identity: identity, rng: &rng,
                                      missingSince: now + Int64(registeredAt - f.missingMinutes * 60), lastSeenNear: city)
                draft.identities.append(identity)
                draft.cases.append(c)
                draft.events.append(.init(at: registeredAt, event: .registerCase(index: index)))
                for j in 0..<f.sightingsEach {
                    let t = registeredAt + 1 + Double(j) / f.sightingsPerS
                    fresh.insert(draft.addSighting(base.makeResighting(of: c, caseIndex: index, identity: identity, rng: &rng,
                                                                       submittedAt: now + Int64(t)), at: t))
                }
            }
        }
        return draft.finish(spec: base.spec, initialCases: scenario.cases, markVocabulary: base.markVocabulary, fresh: fresh)
    }

    /// Index drawn with probability proportional to its weight.
    static func pick(_ weights: [Double], total: Double, _ rng: inout SeededGenerator) -> Int {
        var target = rng.unit() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.count - 1
    }
}

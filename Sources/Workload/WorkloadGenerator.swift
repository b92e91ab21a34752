import Foundation
import GeoIndex
import MatchEngine
import HomewardBasics

/// Generates a seeded, reproducible workload over real places.
///
/// Identities are random unit vectors; a photo of an identity is the vector plus
/// Gaussian noise, re-normalised. The noise is sized so that two photos of one
/// identity have an expected dot product halfway between the face threshold and
/// 1, while different identities (independent in 128 or 512 dimensions) stay far
/// below the threshold. True re-sightings are placed inside the case's reach at
/// the sighting's time, with a compatible sex, age estimate and marks, so the
/// contract accepts them.
public struct WorkloadGenerator: Sendable {
    public let spec: WorkloadSpec
    public let sampler: PlaceSampler
    public let reachTiers: ReachTierTable
    public let markVocabulary: [String]

    public init(spec: WorkloadSpec, places: [WeightedPlace], reachTiers: ReachTierTable = .default, markVocabulary: [String]? = nil) {
        self.spec = spec
        self.sampler = PlaceSampler(places: places)
        self.reachTiers = reachTiers
        self.markVocabulary = markVocabulary ?? (0..<spec.markVocabularySize).map { "mark-\($0)" }
    }

    /// Per-component noise giving an expected same-identity dot product of `target`.
    var noiseSigma: Double {
        let target = spec.faceThreshold + (1 - spec.faceThreshold) / 2
        // Two independent noisy copies: E[dot] ≈ 1 / (1 + d σ²).
        return ((1 / target - 1) / Double(spec.dimension)).squareRoot()
    }

    public func generate() -> Workload {
        var rng = SeededGenerator(seed: spec.seed)
        let totalCases = spec.initialCases + spec.lateCases
        var identities: [[Float]] = []
        identities.reserveCapacity(totalCases)
        var cases: [GeneratedCase] = []
        cases.reserveCapacity(totalCases)
        for i in 0..<totalCases {
            let identity = randomUnit(&rng)
            identities.append(identity)
            cases.append(makeCase(index: i, identity: identity, rng: &rng))
        }
        let freshCases = cases.indices.filter { spec.now - cases[$0].features.missingSince <= 86_400 && $0 < spec.initialCases }

        var sightings: [GeneratedSighting] = []
        var stream: [Workload.Event] = []
        // Late cases: each gets a sighting first, and is registered a few sightings later.
        var lateAwaitingSighting = Array(spec.initialCases..<totalCases)
        var lateAwaitingRegistration: [Int] = []
        for j in 0..<spec.sightings {
            var sighting: GeneratedSighting
            if rng.unit() < spec.trueFraction {
                let caseIndex: Int
                if j % 4 == 0, !lateAwaitingSighting.isEmpty {
                    caseIndex = lateAwaitingSighting.removeFirst()
                    lateAwaitingRegistration.append(caseIndex)
                } else if !freshCases.isEmpty, rng.unit() < spec.freshTargetFraction {
                    caseIndex = freshCases[Int(rng.next() % UInt64(freshCases.count))]
                } else {
                    caseIndex = Int(rng.next() % UInt64(max(1, spec.initialCases)))
                }
                sighting = makeResighting(of: cases[caseIndex], caseIndex: caseIndex, identity: identities[caseIndex], rng: &rng)
            } else {
                sighting = makeUnrelated(rng: &rng)
            }
            sighting.features.id = UInt64(sightings.count + 1)
            sightings.append(sighting)
            stream.append(.submitSighting(index: sightings.count - 1))
            if !lateAwaitingRegistration.isEmpty, rng.unit() < 0.3 {
                stream.append(.registerCase(index: lateAwaitingRegistration.removeFirst()))
            }
        }
        // Late cases not yet registered (or never sighted) are registered at the end.
        for late in lateAwaitingRegistration + lateAwaitingSighting { stream.append(.registerCase(index: late)) }

        // Reposts: copies of earlier photos, spread through the stream.
        let originals = sightings.count
        if originals > 0 {
            for _ in 0..<spec.reposts {
                let source = Int(rng.next() % UInt64(originals))
                var repost = sightings[source]
                repost.truth = .repost(of: source)
                repost.features.id = UInt64(sightings.count + 1)
                sightings.append(repost)
                let position = stream.firstIndex(of: .submitSighting(index: source))! + 1
                let at = position + Int(rng.next() % UInt64(stream.count - position + 1))
                stream.insert(.submitSighting(index: sightings.count - 1), at: at)
            }
        }
        return Workload(spec: spec, markVocabulary: markVocabulary, cases: cases, sightings: sightings, stream: stream)
    }

    // MARK: cases

    /// A case for `identity`; `missingSince` and `lastSeenNear` pin a scenario's
    /// fresh abduction, otherwise both are drawn as the platform sees them.
    public func makeCase(index: Int, identity: [Float], rng: inout SeededGenerator,
                  missingSince pinnedMissingSince: Int64? = nil, lastSeenNear: PlaceSampler? = nil) -> GeneratedCase {
        let (lastSeen, province) = (lastSeenNear ?? sampler).point(using: &rng)
        let missingSince = pinnedMissingSince ?? (spec.now - missingDuration(&rng))
        let ageAtMissingDays = 365.2425 * (1 + rng.unit() * 13)
        // Birth dates are days: 00:00 UTC of the birth day, as the protocol requires.
        let birthDate = (missingSince - Int64(ageAtMissingDays * 86_400)) / 86_400 * 86_400
        let photos = 1 + Int(rng.next() % 3)
        let embeddings = (0..<photos).map { _ in noisy(identity, &rng) }
        let tags = (0..<Int(rng.next() % 3)).map { _ in markVocabulary[Int(rng.next() % UInt64(markVocabulary.count))] }
        let uniqueTags = Array(Set(tags)).sorted()
        let features = CaseFeatures(
            id: UInt64(index + 1), embeddings: embeddings, sex: rng.unit() < 0.5 ? .female : .male,
            birthDate: birthDate, missingSince: missingSince, lastSeen: lastSeen,
            marks: markSet(uniqueTags))
        return GeneratedCase(features: features, province: province, markTags: uniqueTags, syntheticName: "Synthetic child \(index + 1)")
    }

    /// Time since missing: mostly long-missing, some fresh, as the platform sees.
    /// One case in twenty went missing 20 to 45 years ago (the 1980s to 2000s):
    /// those children are adults today, and reunions decades later are common.
    private func missingDuration(_ rng: inout SeededGenerator) -> Int64 {
        let u = rng.unit()
        let year = 365.2425 * 86_400
        let seconds: Double
        if u < 0.03 { seconds = 600 + rng.unit() * 3 * 3_600 }                       // fresh: under 3 h
        else if u < 0.08 { seconds = 3 * 3_600 + rng.unit() * 21 * 3_600 }          // the first day
        else if u < 0.18 { seconds = 86_400 + rng.unit() * 6 * 86_400 }             // the first week
        else if u < 0.95 { seconds = 7 * 86_400 + pow(rng.unit(), 2) * 20 * year }  // up to 20 years
        else { seconds = 20 * year + rng.unit() * 25 * year }                      // 20 to 45 years: adults now
        return Int64(seconds)
    }

    // MARK: sightings

    /// A true re-sighting of case `c`, seen a little before `submittedAt` (default: the spec's now).
    public func makeResighting(of c: GeneratedCase, caseIndex: Int, identity: [Float], rng: inout SeededGenerator,
                        submittedAt: Int64? = nil, places: PlaceSampler? = nil) -> GeneratedSighting {
        let f = c.features
        // Seen a little before submission, never before the child went missing.
        let observedAt = max(f.missingSince, (submittedAt ?? spec.now) - Int64(rng.unit() * 600))
        let reach = reachTiers.reachKm(elapsedSeconds: observedAt - f.missingSince)
        let location = reach.isFinite
            ? PlaceSampler.offset(f.lastSeen, distanceKm: rng.unit() * 0.9 * reach, bearing: rng.unit() * 2 * .pi)
            : (places ?? sampler).point(using: &rng).point
        let trueAge = Double(observedAt - f.birthDate) / 86_400 / 365.2425
        var age: ClosedRange<Double>?
        // Witnesses estimate ages, children's within a few years and adults' (a
        // child missing for decades, found grown) more loosely; with the gate's
        // tolerance of 2 years either window still holds the true age.
        if rng.unit() < 0.7 {
            let (spread, halfWidth) = trueAge < 18 ? (3.0, 1.5) : (6.0, 4.5)
            let estimate = max(0, trueAge + max(-spread, min(spread, spread / 3 * rng.gaussian())))
            age = max(0, estimate - halfWidth)...min(SightingFeatures.maxAgeYears, estimate + halfWidth)
        }
        let keptTags = c.markTags.filter { _ in rng.unit() < 0.7 }
        let features = SightingFeatures(
            id: 0, observedAt: observedAt, location: location, sex: rng.unit() < 0.8 ? f.sex : .unknown,
            estimatedAge: age, marks: markSet(keptTags),
            embeddings: [noisy(identity, &rng)])
        return GeneratedSighting(features: features, markTags: keptTags, photoDigest: digest(&rng), truth: .resighting(caseIndex: caseIndex))
    }

    /// A child who matches no case, seen near `places` (default: anywhere, by population).
    public func makeUnrelated(rng: inout SeededGenerator, submittedAt: Int64? = nil, places: PlaceSampler? = nil) -> GeneratedSighting {
        let location = (places ?? sampler).point(using: &rng).point
        let age = 2 + rng.unit() * 12
        let features = SightingFeatures(
            id: 0, observedAt: (submittedAt ?? spec.now) - Int64(rng.unit() * 600), location: location,
            sex: [Sex.female, .male, .unknown][Int(rng.next() % 3)],
            estimatedAge: rng.unit() < 0.7 ? (age - 1.5)...(age + 1.5) : nil,
            embeddings: [noisy(randomUnit(&rng), &rng)])
        return GeneratedSighting(features: features, markTags: [], photoDigest: digest(&rng), truth: .unrelated)
    }

    private func markSet(_ tags: [String]) -> MarkSet {
        // Indices come from the vocabulary (at most 256 tags), so they are always valid.
        try! MarkSet(tags: tags.map { markVocabulary.firstIndex(of: $0)! })
    }

    // MARK: vectors

    public func randomUnit(_ rng: inout SeededGenerator) -> [Float] {
        normalised((0..<spec.dimension).map { _ in rng.gaussian() })
    }

    private func noisy(_ identity: [Float], _ rng: inout SeededGenerator) -> [Float] {
        let sigma = noiseSigma
        return normalised(identity.map { Double($0) + sigma * rng.gaussian() })
    }

    private func normalised(_ v: [Double]) -> [Float] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { Float($0 / norm) }
    }

    func digest(_ rng: inout SeededGenerator) -> [UInt8] {
        (0..<4).flatMap { _ in withUnsafeBytes(of: rng.next()) { Array($0) } }
    }
}

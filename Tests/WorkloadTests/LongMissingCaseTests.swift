import GeoIndex
import MatchEngine
import Testing
@testable import Workload

/// Children found as adults: the generator makes cases missing for decades,
/// and witnesses of their re-sightings estimate adult ages that the protocol
/// (up to 100 years) and the age gate accept.
@Suite struct LongMissingCaseTests {
    static func workload(seed: UInt64) -> Workload {
        var spec = WorkloadSpec()
        spec.seed = seed
        spec.initialCases = 4_000
        spec.lateCases = 0
        spec.sightings = 4_000
        spec.trueFraction = 0.5
        spec.freshTargetFraction = 0
        spec.reposts = 0
        let places = [
            WeightedPlace(point: GeoPoint(latitude: 23.11667, longitude: 113.25), province: "440000", weight: 16),
            WeightedPlace(point: GeoPoint(latitude: 30.66667, longitude: 104.06667), province: "510000", weight: 13),
        ]
        return WorkloadGenerator(spec: spec, places: places).generate()
    }

    static func years(_ seconds: Int64) -> Double { Double(seconds) / 86_400 / 365.2425 }

    @Test(arguments: [UInt64(3), 17])
    func adultsFoundDecadesLaterCarryAcceptedAgeEstimates(seed: UInt64) {
        let w = Self.workload(seed: seed)
        let now = w.spec.now
        let longMissing = w.cases.filter { Self.years(now - $0.features.missingSince) >= 20 }
        #expect(longMissing.count >= w.cases.count / 40, "seed \(seed): \(longMissing.count) cases missing 20+ years")
        #expect(longMissing.allSatisfy { Self.years(now - $0.features.birthDate) >= 18 }, "seed \(seed): all adults today")
        #expect(w.cases.contains { Self.years(now - $0.features.missingSince) >= 35 }, "seed \(seed): some missing since the 1980s")

        var adultEstimates = 0
        for s in w.sightings {
            guard case .resighting(let c) = s.truth, let age = s.features.estimatedAge else { continue }
            let trueAge = Self.years(s.features.observedAt - w.cases[c].features.birthDate)
            // What the protocol and the engine accept, and what the age gate (tolerance 2) lets through.
            #expect(age.lowerBound >= 0 && age.upperBound <= 100, "seed \(seed): \(age)")
            #expect(age.lowerBound - 2 <= trueAge && trueAge <= age.upperBound + 2, "seed \(seed): \(trueAge) vs \(age)")
            if age.upperBound > 25 { adultEstimates += 1 }
        }
        #expect(adultEstimates >= 5, "seed \(seed): \(adultEstimates) re-sightings with an adult age estimate")
    }
}

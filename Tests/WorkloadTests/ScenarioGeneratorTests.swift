import Foundation
import GeoIndex
import Testing
@testable import Workload

/// The load-test scenarios' generator: seeded, the rates it is asked for, and
/// ground truth a cluster can be held to (a repost is always sent after its original).
@Suite struct ScenarioGeneratorTests {
    static let places = [
        "Guangzhou": WeightedPlace(point: GeoPoint(latitude: 23.11667, longitude: 113.25), province: "440000", weight: 16),
        "Shenzhen": WeightedPlace(point: GeoPoint(latitude: 22.54554, longitude: 114.0683), province: "440000", weight: 17),
        "Chengdu": WeightedPlace(point: GeoPoint(latitude: 30.66667, longitude: 104.06667), province: "510000", weight: 13),
        "Beijing": WeightedPlace(point: GeoPoint(latitude: 39.9075, longitude: 116.39723), province: "110000", weight: 19),
    ]

    static func scenario() -> Scenario {
        Scenario(
            name: "test", description: "", seed: 9, cases: 300,
            phases: [
                .init(name: "rise", seconds: 4, uniquePerS: .init(50), trueFraction: 0.2, repostsPerS: .init(100, 1_000),
                      newCasesPerS: 2, cities: ["Guangzhou", "Shenzhen"]),
                .init(name: "hold", seconds: 2, uniquePerS: .init(20), trueFraction: nil, repostsPerS: .init(500), newCasesPerS: nil, cities: nil),
            ],
            viral: .init(photos: 4, cities: ["Guangzhou"]),
            freshAbductions: .init(count: 2, firstAtS: 1, everyS: 2, missingMinutes: 20, sightingsEach: 5, sightingsPerS: 2, cities: ["Chengdu"]),
            short: .init(cases: 50, timeScale: 0.5, freshAbductions: 1))
    }

    static func generate(_ s: Scenario) throws -> ScenarioWorkload {
        var spec = WorkloadSpec()
        spec.initialCases = s.cases
        spec.now = 1_796_000_000
        let base = WorkloadGenerator(spec: spec, places: Array(places.values).sorted { $0.weight < $1.weight })
        return try ScenarioGenerator(scenario: s, base: base, cities: places).generate()
    }

    @Test func sameSeedSameWorkload() throws {
        let a = try Self.generate(Self.scenario()), b = try Self.generate(Self.scenario())
        #expect(a.workload.stream == b.workload.stream)
        #expect(a.offsets == b.offsets)
        #expect(a.workload.sightings == b.workload.sightings)
    }

    @Test func countsFollowTheRates() throws {
        let w = try Self.generate(Self.scenario())
        let reposts = w.workload.sightings.filter { if case .repost = $0.truth { true } else { false } }.count
        // Ramp 100→1000 over 4 s (2,200) plus 500/s for 2 s (1,000); uniques 50×4 + 20×2 + 4 viral + 5×2 fresh + step-10 sightings.
        #expect(abs(reposts - 3_200) <= 2)
        let uniques = w.workload.sightings.count - reposts
        #expect(uniques >= 254 && uniques <= 254 + 8, "uniques \(uniques)")
        #expect(w.workload.spec.lateCases == 8 + 2)   // 2/s for 4 s, and the two abductions
        #expect(w.freshSightings.count == 10)
        #expect(zip(w.offsets, w.offsets.dropFirst()).allSatisfy { $0 <= $1 }, "offsets must be in send order")
        #expect(w.offsets.last! <= 1 + 6)
    }

    @Test func repostsFollowTheirOriginalsAndCopyTheirPhoto() throws {
        let w = try Self.generate(Self.scenario())
        var sentAt: [Int: Int] = [:]
        for (position, event) in w.workload.stream.enumerated() {
            if case .submitSighting(let i) = event { sentAt[i] = position }
        }
        let viral = Set(w.workload.sightings.indices.prefix(4))
        for (i, s) in w.workload.sightings.enumerated() {
            guard case .repost(let source) = s.truth else { continue }
            #expect(sentAt[source]! < sentAt[i]!)
            #expect(s.photoDigest == w.workload.sightings[source].photoDigest)
            #expect(viral.contains(source), "with viral photos, every repost copies one of them")
        }
    }

    @Test func freshAbductionSightingsAreInsideTheCaseReachAfterItsRegistration() throws {
        let w = try Self.generate(Self.scenario())
        let reach = ReachTierTable.default
        var registeredAt: [Int: Int] = [:]
        var sentAt: [Int: Int] = [:]
        for (position, event) in w.workload.stream.enumerated() {
            switch event {
            case .registerCase(let c): registeredAt[c] = position
            case .submitSighting(let s): sentAt[s] = position
            }
        }
        for i in w.freshSightings {
            guard case .resighting(let c) = w.workload.sightings[i].truth else { Issue.record("fresh sighting \(i) is not a re-sighting"); continue }
            let kase = w.workload.cases[c].features, seen = w.workload.sightings[i].features
            #expect(registeredAt[c]! < sentAt[i]!)
            let km = reach.reachKm(elapsedSeconds: seen.observedAt - kase.missingSince)
            #expect(km.isFinite && Geodesy.haversineKm(kase.lastSeen, seen.location) <= km)
            #expect(seen.observedAt >= kase.missingSince)
        }
    }

    @Test func shortFormKeepsRatesAndScalesTime() throws {
        let s = Self.scenario().shortened
        #expect(s.cases == 50 && s.phases.map(\.seconds) == [2, 1] && s.freshAbductions?.count == 1)
        #expect(s.phases[0].repostsPerS == Self.scenario().phases[0].repostsPerS)
    }

    @Test func unknownCityIsAnError() throws {
        var s = Self.scenario()
        s.phases[0].cities = ["Atlantis"]
        #expect(throws: ScenarioGenerator.UnknownCity.self) { try Self.generate(s) }
    }

    @Test func shippedScenariosLoad() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("load-tests/scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names == ["campaign.json", "fresh-abduction.json", "national-peak.json", "photo-surge.json", "repost-storm.json", "steady.json"])
        for name in names { _ = try Scenario.load(path: folder.appendingPathComponent(name).path) }
        // photo-surge is the one with real photos; its variant kinds are checked where they are made (PhotoSurgeTests).
        let photos = try #require(try Scenario.load(path: folder.appendingPathComponent("photo-surge.json").path).photos)
        #expect(photos.fixtures == "Tests/PhotoPipelineTests/Fixtures" && !photos.variants.isEmpty)
    }
}

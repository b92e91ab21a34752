import MatchEngine
import Testing
@testable import ClusterCore

@Suite struct AlertDeciderTests {
    func candidate(_ caseID: UInt64, _ score: Double, sighting: UInt64 = 1) -> MatchCandidate {
        MatchCandidate(caseID: caseID, sightingID: sighting, score: score, face: Float(score), marks: 0, elapsed: 10, tier: .urgent)
    }

    @Test func mergesPartsRanksByScoreThenCaseIDAndCutsToTopK() {
        let decider = AlertDecider(topK: 3)
        let ranked = decider.rank([
            [candidate(9, 0.90), candidate(4, 0.85)],
            [candidate(2, 0.90), candidate(7, 0.95)],
            [],
            [candidate(9, 0.90), candidate(1, 0.50)],   // a duplicate reply for case 9
        ])
        #expect(ranked.map(\.caseID) == [7, 2, 9])
    }

    @Test func provincesAreDistinctCaseFirst() {
        let decider = AlertDecider(topK: 10)
        let decisions = decider.decide(ranked: [candidate(1, 0.9), candidate(2, 0.8), candidate(3, 0.7)], sightingProvince: "440000") {
            [1: "440000", 2: "450000"][$0]
        }
        #expect(decisions.map(\.provinces) == [["440000"], ["450000", "440000"], ["440000"]])
        #expect(decisions.map(\.rank) == [1, 2, 3])
        let offMap = decider.decide(ranked: [candidate(1, 0.9)], sightingProvince: nil) { _ in nil }
        #expect(offMap[0].provinces.isEmpty)
    }
}

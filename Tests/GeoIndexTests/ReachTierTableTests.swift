import Testing
@testable import GeoIndex

@Suite struct ReachTierTableTests {
    @Test func defaultTiersAreInclusiveAtTheirBoundaries() {
        let table = ReachTierTable.default
        #expect(table.reachKm(elapsedSeconds: 0) == 100)
        #expect(table.reachKm(elapsedSeconds: 3_600) == 100)
        #expect(table.reachKm(elapsedSeconds: 3_601) == 200)
        #expect(table.reachKm(elapsedSeconds: 10_800) == 300)
        #expect(table.reachKm(elapsedSeconds: 86_400) == 500)
        #expect(table.reachKm(elapsedSeconds: 604_800) == 1_000)
        #expect(table.reachKm(elapsedSeconds: 604_801) == .infinity)
        #expect(table.tierIndex(elapsedSeconds: 604_801) == nil)
    }

    @Test func rejectsTablesThatDoNotGrow() {
        #expect(throws: ReachTierTable.ValidationError.empty) { try ReachTierTable(tiers: []) }
        #expect(throws: ReachTierTable.ValidationError.notIncreasing(index: 1)) {
            try ReachTierTable(tiers: [.init(maxElapsedSeconds: 10, reachKm: 5), .init(maxElapsedSeconds: 10, reachKm: 6)])
        }
        #expect(throws: ReachTierTable.ValidationError.invalidReach(index: 0)) {
            try ReachTierTable(tiers: [.init(maxElapsedSeconds: 10, reachKm: .nan)])
        }
    }
}

@Suite struct GeodesyTests {
    @Test func haversineMatchesKnownDistances() {
        let beijing = GeoPoint(latitude: 39.9042, longitude: 116.4074)
        let shanghai = GeoPoint(latitude: 31.2304, longitude: 121.4737)
        // Reference from an independent great-circle computation on R = 6371.0088 km.
        #expect(abs(Geodesy.haversineKm(beijing, shanghai) - 1067.3) < 0.5)
        #expect(Geodesy.haversineKm(beijing, beijing) == 0)
        let quarter = Geodesy.haversineKm(GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 90))
        #expect(abs(quarter - Geodesy.earthRadiusKm * .pi / 2) < 1e-9)
    }
}

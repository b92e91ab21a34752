import Foundation
import GeoIndex
import HomewardBasics

/// Everything the engines share: points, circle centres, reach cases and sightings.
struct GeoBenchDataSet {
    /// The index's (and every sighting's) time in the stabbing workload.
    static let now: Int64 = 1_800_000_000

    let points: [GeoPoint]
    let queries: [GeoPoint]
    let caseLastSeen: [GeoPoint]
    let caseMissingSince: [Int64]
    let caseReachKm: [Double]
    let reachBoxes: [GeoBox]
    let stabs: [GeoPoint]

    init(cities: [City], points n: Int, queries q: Int, cases m: Int, seed: UInt64) {
        let sampler = SkewedPointSampler(cities: cities)
        var rng = SeededGenerator(seed: seed)
        points = (0..<n).map { _ in sampler.sample(&rng) }
        var qrng = SeededGenerator(seed: seed &+ 1)
        queries = (0..<q).map { _ in sampler.sample(&qrng) }
        var crng = SeededGenerator(seed: seed &+ 2)
        // Time missing drawn log-uniformly from 10 minutes to 7 days: every finite tier is used.
        var lastSeen: [GeoPoint] = [], since: [Int64] = [], reach: [Double] = [], boxes: [GeoBox] = []
        for _ in 0..<m {
            let p = sampler.sample(&crng)
            let elapsed = Int64(exp(Double.random(in: log(600.0)...log(604_800.0), using: &crng)))
            let r = ReachTierTable.default.reachKm(elapsedSeconds: elapsed)
            lastSeen.append(p)
            since.append(Self.now - elapsed)
            reach.append(r)
            boxes.append(Geodesy.circleBounds(center: p, radiusKm: r).boxes[0])
        }
        caseLastSeen = lastSeen; caseMissingSince = since; caseReachKm = reach; reachBoxes = boxes
        var srng = SeededGenerator(seed: seed &+ 3)
        stabs = (0..<q).map { _ in sampler.sample(&srng) }
    }
}

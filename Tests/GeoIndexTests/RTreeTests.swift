import Testing
@testable import GeoIndex

/// Every R-tree operation against a brute-force list, with integrity checks after mutations.
@Suite struct RTreeTests {
    struct Oracle {
        var items: [RTreeHandle: (box: GeoBox, payload: Int)] = [:]
        func intersecting(_ q: GeoBox) -> [RTreeHandle] { items.filter { $0.value.box.intersects(q) }.map(\.key).sorted() }
        func containing(_ p: GeoPoint) -> [RTreeHandle] { items.filter { $0.value.box.contains(p) }.map(\.key).sorted() }
        func within(_ r: Double, of c: GeoPoint) -> [RTreeHandle] {
            items.filter { Geodesy.haversineKm(c, $0.value.box.center) <= r }.map(\.key).sorted()
        }
    }

    static func makeBox(_ v: GeoBoxTestValue) -> GeoBox {
        GeoBox(minLongitude: v.x, minLatitude: v.y, maxLongitude: v.x + v.w, maxLatitude: v.y + v.h)
    }

    func compareQueries(_ tree: RTree<Int>, _ oracle: Oracle, _ rng: inout SeededRandom, grid: Bool, seed: UInt64) {
        for _ in 0..<20 {
            let q = Self.makeBox(rng.box(grid: grid, maxSize: 6))
            #expect(tree.search(intersecting: q).map(\.handle).sorted() == oracle.intersecting(q), "box query, seed \(seed)")
            // Stab exactly at a corner sometimes, so edges are exercised.
            let p = Bool.random(using: &rng) ? GeoPoint(latitude: q.minLatitude, longitude: q.maxLongitude) : q.center
            #expect(tree.search(containing: p).map(\.handle).sorted() == oracle.containing(p), "stab query, seed \(seed)")
            let r = [0.0, 5, 50, 300, 1500].randomElement(using: &rng)!
            #expect(tree.search(withinKm: r, of: p).map(\.handle).sorted() == oracle.within(r, of: p), "circle \(r) km, seed \(seed)")
        }
        for (h, v) in oracle.items { #expect(tree[h] == v.payload) }
    }

    @Test(arguments: [(UInt64(1), true), (2, false), (3, true), (4, false)])
    func randomOperationsMatchBruteForce(seed: UInt64, grid: Bool) throws {
        var rng = SeededRandom(seed: seed)
        let initial = (0..<300).map { i in (box: Self.makeBox(rng.box(grid: grid)), payload: i) }
        var handles: [RTreeHandle] = []
        var tree = RTree(bulk: initial, nodeCapacity: 6, packing: seed % 2 == 0 ? .hilbert : .sortTileRecursive, handles: &handles)
        var oracle = Oracle()
        for (i, h) in handles.enumerated() { oracle.items[h] = initial[i] }
        _ = try tree.checkIntegrity()
        compareQueries(tree, oracle, &rng, grid: grid, seed: seed)

        var next = 1000
        for step in 0..<1500 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4:
                let b = Self.makeBox(rng.box(grid: grid))
                let h = tree.insert(b, next)
                #expect(oracle.items[h] == nil, "fresh handle reused while live")
                oracle.items[h] = (b, next)
                next += 1
            case 4..<7:
                if let h = oracle.items.keys.randomElement(using: &rng) {
                    #expect(tree.remove(h) == oracle.items[h]!.payload)
                    oracle.items[h] = nil
                    #expect(tree.remove(h) == nil, "second delete of the same handle")
                }
            case 7:
                let b = Self.makeBox(rng.box(grid: grid))
                #expect(tree.remove(b, -5) == false, "delete of a missing entry")
            default:
                if let h = oracle.items.keys.randomElement(using: &rng) {
                    let small = Bool.random(using: &rng)
                    var b = oracle.items[h]!.box
                    if small {  // small move: often stays inside its leaf
                        b = GeoBox(minLongitude: b.minLongitude, minLatitude: b.minLatitude,
                                   maxLongitude: b.minLongitude, maxLatitude: b.minLatitude)
                    } else {
                        b = Self.makeBox(rng.box(grid: grid))
                    }
                    tree.update(h, to: b)
                    oracle.items[h]!.box = b
                    #expect(tree.box(of: h) == b)
                }
            }
            if step % 50 == 0 {
                let shape = try tree.checkIntegrity()
                #expect(shape.entries == oracle.items.count)
                compareQueries(tree, oracle, &rng, grid: grid, seed: seed)
            }
        }
        _ = try tree.checkIntegrity()
        compareQueries(tree, oracle, &rng, grid: grid, seed: seed)
        // Drain to empty, then reuse.
        for h in oracle.items.keys.sorted() { tree.remove(h) }
        let empty = try tree.checkIntegrity()
        #expect(empty.entries == 0 && tree.isEmpty)
        #expect(tree.search(intersecting: .world).isEmpty)
        tree.insert(GeoPoint(latitude: 30, longitude: 110), 7)
        #expect(tree.search(containing: GeoPoint(latitude: 30, longitude: 110)).map(\.payload) == [7])
        _ = try tree.checkIntegrity()
    }

    @Test func insertOnlyTreeFromEmptyMatchesOracle() throws {
        var rng = SeededRandom(seed: 11)
        var tree = RTree<Int>(nodeCapacity: 4)
        var oracle = Oracle()
        #expect(tree.search(withinKm: 100, of: GeoPoint(latitude: 30, longitude: 110)).isEmpty)
        #expect(tree.nearest(to: GeoPoint(latitude: 30, longitude: 110), k: 3).isEmpty)
        _ = try tree.checkIntegrity()
        for i in 0..<400 {
            let b = Self.makeBox(rng.box(grid: true))
            oracle.items[tree.insert(b, i)] = (b, i)
            if i % 40 == 0 { _ = try tree.checkIntegrity() }
        }
        let shape = try tree.checkIntegrity()
        #expect(shape.height >= 4)
        compareQueries(tree, oracle, &rng, grid: true, seed: 11)
    }

    @Test(arguments: [UInt64(21), 22])
    func nearestMatchesSortedBruteForce(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var items: [(box: GeoBox, payload: Int)] = []
        for i in 0..<500 {
            let p = GeoPoint(latitude: rng.coordinate(18...53, grid: seed == 21), longitude: rng.coordinate(73...135, grid: seed == 21))
            items.append((GeoBox(point: p), i))
        }
        var handles: [RTreeHandle] = []
        let tree = RTree(bulk: items, nodeCapacity: 8, handles: &handles)
        for _ in 0..<30 {
            let q = GeoPoint(latitude: Double.random(in: 10...60, using: &rng), longitude: Double.random(in: 60...150, using: &rng))
            let k = Int.random(in: 1...20, using: &rng)
            let expected = handles.indices
                .map { (handles[$0], Geodesy.haversineKm(q, items[$0].box.center)) }
                .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
                .prefix(k)
            let got = tree.nearest(to: q, k: k)
            #expect(got.map(\.handle) == expected.map(\.0), "seed \(seed)")
            #expect(got.map(\.distanceKm) == expected.map(\.1))
        }
    }

    @Test func circleQueriesAreExactAtTheBoundary() {
        // Points placed at haversine distances just under, at and over the radius.
        let c = GeoPoint(latitude: 31.2, longitude: 121.5)
        var rng = SeededRandom(seed: 5)
        var items: [(box: GeoBox, payload: Int)] = []
        for i in 0..<2000 {
            let p = GeoPoint(latitude: c.latitude + Double.random(in: -0.5...0.5, using: &rng),
                             longitude: c.longitude + Double.random(in: -0.6...0.6, using: &rng))
            items.append((GeoBox(point: p), i))
        }
        let tree = RTree(bulk: items)
        for _ in 0..<50 {
            let r = Geodesy.haversineKm(c, items.randomElement(using: &rng)!.box.center)  // exactly some point's distance
            let got = Set(tree.search(withinKm: r, of: c).map(\.payload))
            let want = Set(items.filter { Geodesy.haversineKm(c, $0.box.center) <= r }.map(\.payload))
            #expect(got == want)
        }
    }

    @Test func circleAcrossTheAntimeridianAndNearPoles() {
        let pts = [GeoPoint(latitude: 0, longitude: 179.9), GeoPoint(latitude: 0, longitude: -179.9),
                   GeoPoint(latitude: 89.9, longitude: 10), GeoPoint(latitude: 89.9, longitude: -170),
                   GeoPoint(latitude: 0, longitude: 178)]
        let tree = RTree(bulk: pts.enumerated().map { (GeoBox(point: $1), $0) })
        #expect(Set(tree.search(withinKm: 30, of: GeoPoint(latitude: 0, longitude: 180)).map(\.payload)) == [0, 1])
        #expect(Set(tree.search(withinKm: 30, of: GeoPoint(latitude: 89.95, longitude: 100)).map(\.payload)) == [2, 3])
        let bounds = Geodesy.circleBounds(center: GeoPoint(latitude: 0, longitude: 179.5), radiusKm: 200)
        #expect(bounds.boxes.count == 2)
        #expect(Geodesy.circleBounds(center: GeoPoint(latitude: 89, longitude: 0), radiusKm: 200).coversAllLongitudes)
        #expect(Set(tree.search(withinKm: .infinity, of: GeoPoint(latitude: 0, longitude: 0)).map(\.payload)) == [0, 1, 2, 3, 4])
        #expect(tree.search(withinKm: -1, of: pts[0]).isEmpty)
        #expect(tree.search(withinKm: .nan, of: pts[0]).isEmpty)
        #expect(tree.search(withinKm: 0, of: pts[0]).map(\.payload) == [0])
    }

    @Test func boxHelpers() {
        let a = GeoBox(minLongitude: 0, minLatitude: 0, maxLongitude: 1, maxLatitude: 1)
        let b = GeoBox(minLongitude: 2, minLatitude: -1, maxLongitude: 3, maxLatitude: 0.5)
        #expect(a.union(b) == GeoBox(minLongitude: 0, minLatitude: -1, maxLongitude: 3, maxLatitude: 1))
        #expect(Geodesy.union([a, b]) == a.union(b))
        #expect(Geodesy.union([GeoBox]()) == nil)
        // One degree square at the equator: about 111.2 km × 111.2 km.
        #expect(abs(Geodesy.areaKm2(a) - 12_364) < 10)
        #expect(abs(Geodesy.areaKm2(.world) - 4 * Double.pi * 6371.0088 * 6371.0088) < 1)
        #expect(a.intersects(GeoBox(minLongitude: 1, minLatitude: 1, maxLongitude: 2, maxLatitude: 2)))  // touching corner
    }

    @Test func circleBoundsHoldEveryPointOfTheCircle() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<300 {
            let c = GeoPoint(latitude: Double.random(in: -89...89, using: &rng), longitude: Double.random(in: -180...180, using: &rng))
            let r = Double.random(in: 1...3000, using: &rng)
            let bounds = Geodesy.circleBounds(center: c, radiusKm: r)
            for _ in 0..<30 {
                let p = GeoPoint(latitude: Double.random(in: -90...90, using: &rng), longitude: Double.random(in: -180...180, using: &rng))
                if Geodesy.haversineKm(c, p) <= r { #expect(bounds.boxes.contains { $0.contains(p) }, "\(c) r \(r) misses \(p)") }
                // Minimum distance to a box is a lower bound.
                let box = Self.makeBox(rng.box(grid: false))
                let inside = GeoPoint(latitude: Double.random(in: box.minLatitude...box.maxLatitude, using: &rng),
                                      longitude: Double.random(in: box.minLongitude...box.maxLongitude, using: &rng))
                #expect(Geodesy.minDistanceKm(from: p, to: box) <= Geodesy.haversineKm(p, inside))
            }
        }
    }
}

@Suite struct RTreeBulkLoadTests {
    /// Large enough to take the radix-sort path; both packings, checked against brute force.
    @Test(arguments: [RTree<Int>.Packing.sortTileRecursive, .hilbert])
    func largeBulkLoadIsValidAndComplete(packing: RTree<Int>.Packing) throws {
        var rng = SeededRandom(seed: 99)
        let items = (0..<60_000).map { i in
            (box: GeoBox(point: GeoPoint(latitude: rng.coordinate(18...53, grid: i % 3 == 0),
                                         longitude: rng.coordinate(73...135, grid: i % 3 == 0))), payload: i)
        }
        var handles: [RTreeHandle] = []
        let tree = RTree(bulk: items, packing: packing, handles: &handles)
        let shape = try tree.checkIntegrity()
        #expect(shape.entries == items.count)
        #expect(Set(handles).count == items.count)
        for (i, h) in handles.enumerated() where i % 97 == 0 { #expect(tree[h] == i && tree.box(of: h) == items[i].box) }
        for _ in 0..<5 {
            let c = GeoPoint(latitude: Double.random(in: 20...50, using: &rng), longitude: Double.random(in: 80...130, using: &rng))
            let got = Set(tree.search(withinKm: 150, of: c).map(\.payload))
            let want = Set(items.filter { Geodesy.haversineKm(c, $0.box.center) <= 150 }.map(\.payload))
            #expect(got == want)
        }
    }
}

import GeoIndex

/// Homeward's engine on the shared data.
struct GeoBenchOurs {
    let data: GeoBenchDataSet
    let items: [(box: GeoBox, payload: UInt32)]
    let tree: RTree<UInt32>
    let nodeCapacity: Int
    let packing: RTree<UInt32>.Packing

    init(data: GeoBenchDataSet, nodeCapacity: Int, packing: RTree<UInt32>.Packing) {
        self.data = data
        self.nodeCapacity = nodeCapacity
        self.packing = packing
        items = data.points.enumerated().map { (GeoBox(point: $1), UInt32($0)) }
        tree = RTree(bulk: items, nodeCapacity: nodeCapacity, packing: packing)
    }

    /// Best of `repeats` bulk loads of all points.
    func bulkLoadSeconds(repeats: Int) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            var t: RTree<UInt32>?
            best = min(best, geoBenchSeconds { t = RTree(bulk: items, nodeCapacity: nodeCapacity, packing: packing) })
            precondition(t?.count == items.count)
        }
        return best
    }

    func circles(radiusKm: Double) -> (GeoResultSets, Double) {
        var res = GeoResultSets(queries: data.queries.count)
        let tree = self.tree
        let queries = data.queries
        // Warm-up on a few queries, then the timed run over all of them.
        for q in queries.prefix(20) { tree.forEach(withinKm: radiusKm, of: q) { _, _ in } }
        let seconds = geoBenchSeconds {
            for (i, q) in queries.enumerated() {
                var n: Int64 = 0, h: UInt64 = 0
                tree.forEach(withinKm: radiusKm, of: q) { _, id in n += 1; h &+= geoBenchMix(UInt64(id)) }
                res.counts[i] = n
                res.hashes[i] = h
            }
        }
        return (res, seconds)
    }

    func stabs() -> (GeoResultSets, Double) {
        var index = ReachIndex<UInt32>(tiers: .default, now: GeoBenchDataSet.now, cases: data.caseLastSeen.indices.map {
            .init(id: UInt64($0), lastSeen: data.caseLastSeen[$0], missingSince: data.caseMissingSince[$0], payload: UInt32($0))
        })
        var res = GeoResultSets(queries: data.stabs.count)
        let t = GeoBenchDataSet.now
        let seconds = geoBenchSeconds {
            for (i, p) in data.stabs.enumerated() {
                var n: Int64 = 0, h: UInt64 = 0
                index.forEachCase(reaching: p, at: t) { id, _ in n += 1; h &+= geoBenchMix(id) }
                res.counts[i] = n
                res.hashes[i] = h
            }
        }
        return (res, seconds)
    }

    /// Province of every point by the edge R-tree, checked against brute force.
    func provinceLookup(locator: ProvinceLocator, report: inout GeoBenchReport, name: String) {
        let pts = data.points
        var fast = [Int8](repeating: -1, count: pts.count)
        let seconds = geoBenchSeconds {
            for (i, p) in pts.enumerated() { fast[i] = Int8(locator.provinceIndex(containing: p) ?? -1) }
        }
        var slow = [Int8](repeating: -1, count: pts.count)
        let bruteSeconds = geoBenchSeconds {
            for (i, p) in pts.enumerated() { slow[i] = Int8(locator.bruteForceProvinceIndex(containing: p) ?? -1) }
        }
        let agree = zip(fast, slow).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        let inside = fast.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        report.addProvince(name, seconds: seconds, bruteSeconds: bruteSeconds, points: pts.count, agree: agree, inside: inside)
    }
}

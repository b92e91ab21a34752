import Foundation

/// Answers "which province is this point in", exactly, from province polygons.
///
/// Every polygon edge (outer rings and holes of every part of a multipolygon) goes
/// into an R-tree by its box. A lookup casts a ray from the point towards +longitude
/// and counts, per province, the edges it crosses (half-open rule: an edge counts
/// when exactly one end is strictly above the point's latitude). An odd count
/// means inside; this handles multipolygons and holes with no special cases, and a
/// point on a border shared by two provinces goes to exactly one of them. If
/// polygons overlap (the generalised borders do, by under 0.05 km²), the first
/// province in file order wins. The tree returns a superset of the edges the ray
/// can cross, so the answer is the same as `bruteForceProvinceIndex`, which tests
/// every edge.
public struct ProvinceLocator: Sendable {
    public let provinces: [Province]
    /// Distance in km within which `locate` falls back to the nearest province for a
    /// point outside every polygon (the 1:50m coastline is smoothed; a few coastal
    /// city points lie up to ~2 km offshore).
    public var nearestWithinKm: Double

    @usableFromInline let edgeTree: RTree<Int32>
    @usableFromInline let x0: [Double], y0: [Double], x1: [Double], y1: [Double]
    @usableFromInline let edgeProvince: [Int32]
    /// Edges of province p are `edgeStart[p] ..< edgeStart[p + 1]` (a province with
    /// no edges gets an empty box that holds no point).
    let edgeStart: [Int]
    /// Bounding box of each province's edges: only provinces whose box holds the
    /// point can contain it, and the ray need not go past the east side of those boxes.
    @usableFromInline let provinceBoxes: [GeoBox]
    /// Answer cache on a 0.125° grid over all provinces (0.25° left the 1:10m polygons'
    /// lookup 2.7× slower than the 1:50m ones; docs/geo-index.md): for a cell that no edge box
    /// comes within 1e-7° of, every point of the cell has the same crossing parity for
    /// every province, so the answer at its centre is the answer for all of it.
    /// Values: province index, -1 none, -2 "edges here: run the exact lookup".
    @usableFromInline var grid: [Int8]
    @usableFromInline let gridBox: GeoBox
    @usableFromInline let gridColumns: Int
    @usableFromInline let gridRows: Int
    @usableFromInline static let gridStep = 0.125

    /// Parses a GeoJSON FeatureCollection of Polygon/MultiPolygon features whose
    /// properties hold `code` (GB/T 2260), `name_zh`, `name_en` and `iso_3166_2`.
    public init(geoJSON: Data, nearestWithinKm: Double = 10) throws(GeoDataError) {
        let collection: ProvinceFeatureCollection
        do {
            collection = try JSONDecoder().decode(ProvinceFeatureCollection.self, from: geoJSON)
        } catch {
            throw GeoDataError("province GeoJSON is not a FeatureCollection of (Multi)Polygon features with code/name_zh/name_en: \(error)")
        }
        guard !collection.features.isEmpty, collection.features.count <= 64 else {
            throw GeoDataError("province GeoJSON has \(collection.features.count) features; expected 1 to 64")
        }
        var provinces: [Province] = []
        var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
        var owner: [Int32] = [], starts: [Int] = [0]
        for (p, feature) in collection.features.enumerated() {
            let props = feature.properties
            guard let code = Int(props.code), (100_000...999_999).contains(code) else {
                throw GeoDataError("province feature \(p): code \"\(props.code)\" is not a six-digit GB/T 2260 code")
            }
            if provinces.contains(where: { $0.code == code }) { throw GeoDataError("province code \(code) appears twice") }
            provinces.append(Province(code: code, nameZh: props.name_zh, nameEn: props.name_en, iso3166_2: props.iso_3166_2 ?? ""))
            for polygon in feature.geometry.polygons {
                for ring in polygon {
                    guard ring.count >= 4 else { throw GeoDataError("province \(code): a ring has \(ring.count) positions; at least 4 needed") }
                    for (k, pos) in ring.enumerated() {
                        guard pos.count >= 2, pos[0].isFinite, pos[1].isFinite,
                              (-180...180).contains(pos[0]), (-90...90).contains(pos[1]) else {
                            throw GeoDataError("province \(code): position \(pos) is not [lon, lat] in range")
                        }
                        // Rings are closed (last == first); also close one that is not.
                        let next = k + 1 < ring.count ? ring[k + 1] : ring[0]
                        if next[0] == pos[0] && next[1] == pos[1] { continue }
                        x0.append(pos[0]); y0.append(pos[1]); x1.append(next[0]); y1.append(next[1])
                        owner.append(Int32(p))
                    }
                }
            }
            starts.append(x0.count)
        }
        var items: [(box: GeoBox, payload: Int32)] = []
        items.reserveCapacity(x0.count)
        for e in 0..<x0.count {
            items.append((GeoBox(minLongitude: min(x0[e], x1[e]), minLatitude: min(y0[e], y1[e]),
                                 maxLongitude: max(x0[e], x1[e]), maxLatitude: max(y0[e], y1[e])), Int32(e)))
        }
        self.provinces = provinces
        self.nearestWithinKm = nearestWithinKm
        self.edgeTree = RTree(bulk: items)
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
        self.edgeProvince = owner
        self.edgeStart = starts
        self.provinceBoxes = provinces.indices.map { p in
            Geodesy.union(items[starts[p]..<starts[p + 1]].map(\.box)) ?? GeoBox(minLongitude: 0, minLatitude: 0, maxLongitude: -1, maxLatitude: -1)
        }
        // The grid: mark cells near any edge, then resolve the others at their centres.
        let all = Geodesy.union(items.map(\.box))!
        let step = Self.gridStep
        let columns = Int(((all.maxLongitude - all.minLongitude) / step).rounded(.up)) + 1
        let rows = Int(((all.maxLatitude - all.minLatitude) / step).rounded(.up)) + 1
        self.gridBox = all
        self.gridColumns = columns
        self.gridRows = rows
        var grid = [Int8](repeating: -3, count: columns * rows)
        let margin = 1e-7 + 1e-9  // cell slack for rounding of the cell index, plus the rule's margin
        for item in items {
            let b = item.box
            let c0 = max(0, Int(((b.minLongitude - margin - all.minLongitude) / step).rounded(.down)))
            let c1 = min(columns - 1, Int(((b.maxLongitude + margin - all.minLongitude) / step).rounded(.down)))
            let r0 = max(0, Int(((b.minLatitude - margin - all.minLatitude) / step).rounded(.down)))
            let r1 = min(rows - 1, Int(((b.maxLatitude + margin - all.minLatitude) / step).rounded(.down)))
            if c0 > c1 || r0 > r1 { continue }
            for r in r0...r1 { for c in c0...c1 { grid[r * columns + c] = -2 } }
        }
        self.grid = grid
        for r in 0..<rows {
            for c in 0..<columns where grid[r * columns + c] == -3 {
                let centre = GeoPoint(latitude: all.minLatitude + (Double(r) + 0.5) * step,
                                      longitude: all.minLongitude + (Double(c) + 0.5) * step)
                grid[r * columns + c] = Int8(exactProvinceIndex(containing: centre) ?? -1)
            }
        }
        self.grid = grid
    }

    public var edgeCount: Int { x0.count }

    /// The province whose polygon contains `point`, else the nearest province within
    /// `nearestWithinKm`, else nil (outside China).
    public func locate(_ point: GeoPoint) -> Province? {
        if let p = provinceIndex(containing: point) { return provinces[p] }
        return nearestProvince(to: point, withinKm: nearestWithinKm).map { $0.province }
    }

    /// The province whose polygon contains `point` (no fallback).
    public func province(containing point: GeoPoint) -> Province? {
        provinceIndex(containing: point).map { provinces[$0] }
    }

    /// Index into `provinces` of the containing polygon: the grid cache when the
    /// point's cell is far from every edge, else ray crossing over the edge tree.
    @inlinable
    public func provinceIndex(containing point: GeoPoint) -> Int? {
        let fc = (point.longitude - gridBox.minLongitude) / Self.gridStep
        let fr = (point.latitude - gridBox.minLatitude) / Self.gridStep
        if fc >= 0 && fr >= 0 && fc < Double(gridColumns) && fr < Double(gridRows) {
            let cached = grid[Int(fr) * gridColumns + Int(fc)]
            if cached >= 0 { return Int(cached) }
            if cached == -1 { return nil }
        } else if !gridBox.contains(point) {
            return nil  // outside every edge's box: no province can contain it
        }
        return exactProvinceIndex(containing: point)
    }

    /// Ray crossing over the edge tree, no grid.
    @inlinable
    public func exactProvinceIndex(containing point: GeoPoint) -> Int? {
        let px = point.longitude, py = point.latitude
        // Candidates: provinces whose box holds the point. Every edge of a candidate
        // lies west of the candidates' eastmost side, so the ray can stop there;
        // crossings of other provinces' edges are masked out.
        var candidates: UInt64 = 0
        var east = -Double.infinity
        for (p, box) in provinceBoxes.enumerated() where box.contains(point) {
            candidates |= 1 << UInt64(p)
            east = max(east, box.maxLongitude)
        }
        if candidates == 0 { return nil }
        var inside: UInt64 = 0
        // Start the ray a hair west of the point and end it a hair east of the boxes:
        // a superset of candidate edges is harmless, and it covers crossings rounded
        // to just beyond an edge's box.
        let ray = GeoBox(minLongitude: px - 1e-9, minLatitude: py, maxLongitude: east + 1e-9, maxLatitude: py)
        x0.withUnsafeBufferPointer { x0 in
        y0.withUnsafeBufferPointer { y0 in
        x1.withUnsafeBufferPointer { x1 in
        y1.withUnsafeBufferPointer { y1 in
        edgeProvince.withUnsafeBufferPointer { owner in
            edgeTree.forEach(intersecting: ray) { _, edge in
                let e = Int(edge)
                if ProvinceLocator.crosses(px, py, x0[e], y0[e], x1[e], y1[e]) { inside ^= 1 << UInt64(owner[e]) }
            }
        }}}}}
        inside &= candidates
        return inside == 0 ? nil : inside.trailingZeroBitCount
    }

    /// Does the ray from (px, py) towards +x cross the edge? The one test both the
    /// tree lookup and the brute force use, so they agree bit for bit.
    @inlinable @inline(__always)
    static func crosses(_ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
        guard (ay > py) != (by > py) else { return false }
        return px < ax + (py - ay) * (bx - ax) / (by - ay)
    }

    /// Reference answer: every edge of every province whose bounding box holds the
    /// point, no tree. Used by tests and the benchmark's agreement check.
    public func bruteForceProvinceIndex(containing point: GeoPoint) -> Int? {
        let px = point.longitude, py = point.latitude
        for p in provinces.indices where provinceBoxes[p].contains(point) {
            var odd = false
            for e in edgeStart[p]..<edgeStart[p + 1] where Self.crosses(px, py, x0[e], y0[e], x1[e], y1[e]) {
                odd.toggle()
            }
            if odd { return p }
        }
        return nil
    }

    /// The province with the nearest border edge within `withinKm` of `point`, and
    /// that distance. Distance to an edge is measured in a local equirectangular
    /// projection around the point (error well under 1% at the tens of km this is for).
    public func nearestProvince(to point: GeoPoint, withinKm: Double) -> (province: Province, distanceKm: Double)? {
        guard withinKm >= 0 else { return nil }
        let kmPerDegree = Geodesy.earthRadiusKm * Double.pi / 180
        let kx = kmPerDegree * cos(point.latitude * Double.pi / 180), ky = kmPerDegree
        var best: (Int, Double)?
        for box in Geodesy.circleBounds(center: point, radiusKm: withinKm).boxes {
            edgeTree.forEach(intersecting: box) { _, edge in
                let e = Int(edge)
                let ax = (x0[e] - point.longitude) * kx, ay = (y0[e] - point.latitude) * ky
                let bx = (x1[e] - point.longitude) * kx, by = (y1[e] - point.latitude) * ky
                let dx = bx - ax, dy = by - ay
                let len2 = dx * dx + dy * dy
                let t = len2 > 0 ? min(1, max(0, -(ax * dx + ay * dy) / len2)) : 0
                let cx = ax + t * dx, cy = ay + t * dy
                let d = (cx * cx + cy * cy).squareRoot()
                let p = Int(edgeProvince[e])
                if d <= withinKm, best == nil || d < best!.1 || (d == best!.1 && p < best!.0) { best = (p, d) }
            }
        }
        return best.map { (provinces[$0.0], $0.1) }
    }
}

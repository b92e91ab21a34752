extension RTree {
    /// Calls `body` for every entry whose box intersects `query` (edges inclusive).
    @inlinable
    public func forEach(intersecting query: GeoBox, _ body: (RTreeHandle, Payload) -> Void) {
        walk(nodeTest: { x0, y0, x1, y1 in
            x0 <= query.maxLongitude && x1 >= query.minLongitude && y0 <= query.maxLatitude && y1 >= query.minLatitude
        }, nodeInside: { _, _, _, _ in false }, entryTest: { x0, y0, x1, y1 in
            x0 <= query.maxLongitude && x1 >= query.minLongitude && y0 <= query.maxLatitude && y1 >= query.minLatitude
        }) { body($0, $1); return true }
    }

    /// Calls `body` for every entry whose box contains `point` (stabbing; edges inclusive).
    @inlinable
    public func forEach(containing point: GeoPoint, _ body: (RTreeHandle, Payload) -> Void) {
        let x = point.longitude, y = point.latitude
        walk(nodeTest: { x0, y0, x1, y1 in x0 <= x && x1 >= x && y0 <= y && y1 >= y },
             nodeInside: { _, _, _, _ in false },
             entryTest: { x0, y0, x1, y1 in x0 <= x && x1 >= x && y0 <= y && y1 >= y }) { body($0, $1); return true }
    }

    /// Calls `body` for every entry whose point (the centre of its box; for point
    /// entries the point itself) lies within `radiusKm` of `center` by the contract's
    /// haversine (`Geodesy.haversineKm(center, p) <= radiusKm`). Box prefilter with
    /// `Geodesy.circleBounds`, then the exact test; whole subtrees certainly inside
    /// the circle are reported without per-point tests.
    @inlinable
    public func forEach(withinKm radiusKm: Double, of center: GeoPoint, _ body: (RTreeHandle, Payload) -> Void) {
        _ = forEachUntil(withinKm: radiusKm, of: center) { body($0, $1); return true }
    }

    /// `forEach(withinKm:of:)` that stops as soon as `body` returns false;
    /// returns false when it was stopped ("is any point within, such that…").
    @inlinable
    public func forEachUntil(withinKm radiusKm: Double, of center: GeoPoint, _ body: (RTreeHandle, Payload) -> Bool) -> Bool {
        guard radiusKm >= 0 else { return true }  // negative or NaN: nothing is within
        let test = CircleTest(center: center, radiusKm: radiusKm)
        for q in Geodesy.circleBounds(center: center, radiusKm: radiusKm).boxes {
            let finished = walk(nodeTest: { x0, y0, x1, y1 in
                x0 <= q.maxLongitude && x1 >= q.minLongitude && y0 <= q.maxLatitude && y1 >= q.minLatitude
            }, nodeInside: { x0, y0, x1, y1 in
                test.containsBox(minLon: x0, minLat: y0, maxLon: x1, maxLat: y1)
            }, pointTest: { lon, lat in
                lon >= q.minLongitude && lon <= q.maxLongitude && lat >= q.minLatitude && lat <= q.maxLatitude
                    && test.contains(latitude: lat, longitude: lon)
            }, body)
            if !finished { return false }
        }
        return true
    }

    /// Handles and payloads of the entries intersecting `query`.
    public func search(intersecting query: GeoBox) -> [(handle: RTreeHandle, payload: Payload)] {
        var out: [(handle: RTreeHandle, payload: Payload)] = []
        forEach(intersecting: query) { out.append(($0, $1)) }
        return out
    }

    /// Handles and payloads of the entries containing `point`.
    public func search(containing point: GeoPoint) -> [(handle: RTreeHandle, payload: Payload)] {
        var out: [(handle: RTreeHandle, payload: Payload)] = []
        forEach(containing: point) { out.append(($0, $1)) }
        return out
    }

    /// Handles and payloads of the entries within `radiusKm` of `center`.
    public func search(withinKm radiusKm: Double, of center: GeoPoint) -> [(handle: RTreeHandle, payload: Payload)] {
        var out: [(handle: RTreeHandle, payload: Payload)] = []
        forEach(withinKm: radiusKm, of: center) { out.append(($0, $1)) }
        return out
    }

    /// Depth-first walk over flat storage with an explicit stack: no recursion, no
    /// allocation beyond one temporary stack, no reference counting in the loop.
    /// `nodeInside` lets a query accept a whole subtree without testing its entries.
    @inlinable
    func walk(nodeTest: (Double, Double, Double, Double) -> Bool,
              nodeInside: (Double, Double, Double, Double) -> Bool,
              pointTest: (Double, Double) -> Bool,
              _ body: (RTreeHandle, Payload) -> Bool) -> Bool {
        entryLongitude.withUnsafeBufferPointer { lons in
        entryLatitude.withUnsafeBufferPointer { lats in
            walk(nodeTest: nodeTest, nodeInside: nodeInside, entryTest: { _, _, _, _ in true },
                 byEntry: true, entryOnly: { e in pointTest(lons[Int(e)], lats[Int(e)]) }, body)
        }}
    }

    @inlinable
    @discardableResult
    func walk(nodeTest: (Double, Double, Double, Double) -> Bool,
              nodeInside: (Double, Double, Double, Double) -> Bool,
              entryTest: (Double, Double, Double, Double) -> Bool,
              _ body: (RTreeHandle, Payload) -> Bool) -> Bool {
        walk(nodeTest: nodeTest, nodeInside: nodeInside, entryTest: entryTest, byEntry: false, entryOnly: { _ in true }, body)
    }

    /// With `byEntry`, `entryOnly` replaces `entryTest` and judges an entry by its id
    /// alone (the point queries read entry centres, not slot boxes). `body`
    /// returns false to stop the walk; the walk then returns false.
    @inlinable
    func walk(nodeTest: (Double, Double, Double, Double) -> Bool,
              nodeInside: (Double, Double, Double, Double) -> Bool,
              entryTest: (Double, Double, Double, Double) -> Bool,
              byEntry: Bool,
              entryOnly: (Int32) -> Bool,
              _ body: (RTreeHandle, Payload) -> Bool) -> Bool {
        guard root >= 0 else { return true }
        let m = nodeCapacity
        let depth = Int(levels[Int(root)]) + 1
        return coords.withUnsafeBufferPointer { b in
        children.withUnsafeBufferPointer { ch in
        counts.withUnsafeBufferPointer { cn in
        levels.withUnsafeBufferPointer { lv in
        payloads.withUnsafeBufferPointer { pl in
            // Top bit set on a stack item: report the whole subtree unconditionally.
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: depth * m + 1) { stack in
                stack[0] = root
                var sp = 1
                while sp > 0 {
                    sp -= 1
                    let item = stack[sp]
                    let all = item < 0
                    let n = Int(item & Int32.max)
                    let base = n * 4 * m
                    let slots = n * m
                    let c = Int(cn[n])
                    if lv[n] == 0 {
                        if all {
                            for j in 0..<c {
                                let e = ch[slots + j]
                                if !body(RTreeHandle(rawValue: e), pl[Int(e)].unsafelyUnwrapped) { return false }
                            }
                        } else if byEntry {
                            for j in 0..<c {
                                let e = ch[slots + j]
                                if entryOnly(e), !body(RTreeHandle(rawValue: e), pl[Int(e)].unsafelyUnwrapped) { return false }
                            }
                        } else {
                            for j in 0..<c where entryTest(b[base + j], b[base + m + j], b[base + 2 * m + j], b[base + 3 * m + j]) {
                                let e = ch[slots + j]
                                if !body(RTreeHandle(rawValue: e), pl[Int(e)].unsafelyUnwrapped) { return false }
                            }
                        }
                    } else {
                        // Pushed last-to-first so siblings pop in memory order.
                        for j in stride(from: c - 1, through: 0, by: -1) {
                            if all {
                                stack[sp] = ch[slots + j] | Int32.min
                                sp += 1
                                continue
                            }
                            let x0 = b[base + j], y0 = b[base + m + j], x1 = b[base + 2 * m + j], y1 = b[base + 3 * m + j]
                            if nodeTest(x0, y0, x1, y1) {
                                stack[sp] = nodeInside(x0, y0, x1, y1) ? ch[slots + j] | Int32.min : ch[slots + j]
                                sp += 1
                            }
                        }
                    }
                }
                return true
            }
        }}}}}
    }
}

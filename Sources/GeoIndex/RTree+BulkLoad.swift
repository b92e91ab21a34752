extension RTree {
    /// How `init(bulk:)` orders entries into full nodes.
    public enum Packing: Sendable {
        /// Sort-tile-recursive (Leutenegger et al. 1997): √P vertical slices by x,
        /// each sorted by y and cut into full nodes; the same at every level.
        case sortTileRecursive
        /// Hilbert packing: sort by the Hilbert index of box centres on a 2^16 grid.
        case hilbert
    }

    /// Builds a tree from many entries at once, packing nodes full. Handles are
    /// assigned in leaf order (so queries read payloads nearly sequentially).
    @inlinable
    public init(bulk items: [(box: GeoBox, payload: Payload)], nodeCapacity: Int = 16, packing: Packing = .hilbert) {
        var handles: [RTreeHandle] = []
        self.init(bulk: items, nodeCapacity: nodeCapacity, packing: packing, handles: &handles)
    }

    /// As `init(bulk:nodeCapacity:packing:)`; `handles` receives each input's handle,
    /// in input order. Inlinable so the payload copies are specialised in the caller;
    /// the packing itself is non-generic (`RTreePacker`).
    @inlinable
    public init(bulk items: [(box: GeoBox, payload: Payload)], nodeCapacity: Int = 16, packing: Packing = .hilbert,
                handles: inout [RTreeHandle]) {
        self.init(nodeCapacity: nodeCapacity)
        let packed = RTreePacker.pack(items.map(\.box), nodeCapacity: nodeCapacity, packing: packing == .hilbert)
        var payloads: [Payload?] = []
        payloads.reserveCapacity(items.count)
        for i in packed.order { payloads.append(items[Int(i)].payload) }
        self.payloads = payloads
        entryLongitude = packed.entryLongitude
        entryLatitude = packed.entryLatitude
        handles = packed.handles
        coords = packed.coords
        children = packed.children
        counts = packed.counts
        levels = packed.levels
        parents = packed.parents
        entryLeaf = packed.entryLeaf
        root = packed.root
        _count = items.count
    }
}

/// The non-generic half of bulk loading: orders boxes (STR or Hilbert) and builds
/// the flat node arrays.
@usableFromInline
struct RTreePacker {
    @usableFromInline var order: [Int32] = []
    @usableFromInline var handles: [RTreeHandle] = []
    @usableFromInline var coords: [Double] = []
    @usableFromInline var children: [Int32] = []
    @usableFromInline var counts: [Int32] = []
    @usableFromInline var levels: [Int32] = []
    @usableFromInline var parents: [Int32] = []
    @usableFromInline var entryLeaf: [Int32] = []
    @usableFromInline var entryLongitude: [Double] = []
    @usableFromInline var entryLatitude: [Double] = []
    @usableFromInline var root: Int32 = -1

    @usableFromInline
    static func pack(_ items: [GeoBox], nodeCapacity m: Int, packing hilbert: Bool) -> RTreePacker {
        var p = RTreePacker()
        let n = items.count
        guard n > 0 else { return p }
        for b in items { precondition(b.isValid, "R-tree boxes must be finite with min <= max") }
        let packing: RTree<Never>.Packing = hilbert ? .hilbert : .sortTileRecursive
        var cx = [Double](repeating: 0, count: n), cy = [Double](repeating: 0, count: n)
        for i in 0..<n {
            cx[i] = (items[i].minLongitude + items[i].maxLongitude) * 0.5
            cy[i] = (items[i].minLatitude + items[i].maxLatitude) * 0.5
        }
        let order = RTree<Never>.packOrder(cx: cx, cy: cy, capacity: m, packing: packing)
        p.order = order
        // Entries are numbered in leaf order.
        p.handles = [RTreeHandle](repeating: RTreeHandle(rawValue: 0), count: n)
        p.entryLongitude = [Double](repeating: 0, count: n)
        p.entryLatitude = [Double](repeating: 0, count: n)
        for (rank, i) in order.enumerated() {
            p.handles[Int(i)] = RTreeHandle(rawValue: Int32(rank))
            p.entryLongitude[rank] = cx[Int(i)]
            p.entryLatitude[rank] = cy[Int(i)]
        }

        // All node storage at once: level sizes are known in advance.
        var levelSizes = [(n + m - 1) / m]
        while levelSizes.last! > 1 { levelSizes.append((levelSizes.last! + m - 1) / m) }
        let totalNodes = levelSizes.reduce(0, +)
        p.coords = [Double](repeating: 0, count: totalNodes * 4 * m)
        p.children = [Int32](repeating: -1, count: totalNodes * m)
        p.counts = [Int32](repeating: 0, count: totalNodes)
        p.levels = [Int32](repeating: 0, count: totalNodes)
        p.parents = [Int32](repeating: -1, count: totalNodes)
        p.entryLeaf = [Int32](repeating: -1, count: n)

        // Leaves: nodes 0 ..< levelSizes[0], filled in pack order.
        var boxes = [GeoBox](repeating: .world, count: levelSizes[0])
        p.coords.withUnsafeMutableBufferPointer { b in
        p.children.withUnsafeMutableBufferPointer { ch in
        p.entryLeaf.withUnsafeMutableBufferPointer { leafOf in
        p.counts.withUnsafeMutableBufferPointer { cnt in
            for node in 0..<levelSizes[0] {
                let start = node * m, end = min(n, start + m)
                let base = node * 4 * m
                var box = items[Int(order[start])]
                for j in 0..<(end - start) {
                    let e = items[Int(order[start + j])]
                    box = box.union(e)
                    b[base + j] = e.minLongitude; b[base + m + j] = e.minLatitude
                    b[base + 2 * m + j] = e.maxLongitude; b[base + 3 * m + j] = e.maxLatitude
                    ch[node * m + j] = Int32(start + j)
                    leafOf[start + j] = Int32(node)
                }
                cnt[node] = Int32(end - start)
                boxes[node] = box
            }
        }}}}
        // Upper levels, packed again by the same method over node centres.
        var levelFirst = 0
        var nextFree = levelSizes[0]
        for level in 1..<levelSizes.count {
            let below = levelSizes[level - 1]
            var ux = [Double](repeating: 0, count: below), uy = [Double](repeating: 0, count: below)
            for i in 0..<below {
                ux[i] = (boxes[i].minLongitude + boxes[i].maxLongitude) * 0.5
                uy[i] = (boxes[i].minLatitude + boxes[i].maxLatitude) * 0.5
            }
            let upOrder = RTree<Never>.packOrder(cx: ux, cy: uy, capacity: m, packing: packing)
            var upBoxes = [GeoBox](repeating: .world, count: levelSizes[level])
            for u in 0..<levelSizes[level] {
                let node = nextFree + u
                p.levels[node] = Int32(level)
                let start = u * m, end = min(below, start + m)
                var box = boxes[Int(upOrder[start])]
                let base = node * 4 * m
                for j in 0..<(end - start) {
                    let i = Int(upOrder[start + j])
                    let c = boxes[i]
                    box = box.union(c)
                    p.coords[base + j] = c.minLongitude; p.coords[base + m + j] = c.minLatitude
                    p.coords[base + 2 * m + j] = c.maxLongitude; p.coords[base + 3 * m + j] = c.maxLatitude
                    p.children[node * m + j] = Int32(levelFirst + i)
                    p.parents[levelFirst + i] = Int32(node)
                }
                p.counts[node] = Int32(end - start)
                upBoxes[u] = box
            }
            boxes = upBoxes
            levelFirst = nextFree
            nextFree += levelSizes[level]
        }
        p.root = Int32(levelFirst)
        return p
    }
}

extension RTree {
    /// Order in which to pack items into consecutive nodes of `capacity`.
    static func packOrder(cx: [Double], cy: [Double], capacity: Int, packing: Packing) -> [Int32] {
        let n = cx.count
        switch packing {
        case .hilbert:
            let (x0, x1) = (cx.min()!, cx.max()!), (y0, y1) = (cy.min()!, cy.max()!)
            let sx = x1 > x0 ? 65535 / (x1 - x0) : 0, sy = y1 > y0 ? 65535 / (y1 - y0) : 0
            var keys = [UInt64](repeating: 0, count: n)
            for i in 0..<n {
                let h = hilbertIndex(UInt32((cx[i] - x0) * sx), UInt32((cy[i] - y0) * sy))
                keys[i] = UInt64(h) << 32 | UInt64(i)
            }
            radixSortByHighWord(&keys)
            return keys.map { Int32(truncatingIfNeeded: $0) }
        case .sortTileRecursive:
            let nodes = (n + capacity - 1) / capacity
            let slices = Int(Double(nodes).squareRoot().rounded(.up))
            let perSlice = slices * capacity
            var byX = sortedIndices(cx)
            var start = 0
            while start < n {
                let end = min(n, start + perSlice)
                byX.replaceSubrange(start..<end, with: sortedIndices(cy, subset: byX[start..<end]))
                start = end
            }
            return byX
        }
    }

    /// Indices sorted by key (ties by index), through one integer sort: the key is
    /// mapped to an order-preserving 32-bit rank of its Double bit pattern.
    static func sortedIndices(_ key: [Double], subset: ArraySlice<Int32>? = nil) -> [Int32] {
        let idx: [Int32] = subset.map(Array.init) ?? (0..<key.count).map { Int32($0) }
        var keys = [UInt64](repeating: 0, count: idx.count)
        for (k, i) in idx.enumerated() {
            let bits = key[Int(i)].bitPattern
            let ordered = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)  // total order on finite doubles
            keys[k] = (ordered >> 32) << 32 | UInt64(UInt32(i))
        }
        radixSortByHighWord(&keys)
        return keys.map { Int32(truncatingIfNeeded: $0) }
    }

    /// Stable LSD radix sort on the high 32 bits (two 16-bit digits); small inputs
    /// use the standard sort (same order: the low word is the index).
    static func radixSortByHighWord(_ keys: inout [UInt64]) {
        let n = keys.count
        if n < 50_000 { keys.sort(); return }
        var tmp = [UInt64](repeating: 0, count: n)
        var histogram = [Int](repeating: 0, count: 65_537)
        for shift: UInt64 in [32, 48] {
            keys.withUnsafeBufferPointer { src in
            tmp.withUnsafeMutableBufferPointer { dst in
            histogram.withUnsafeMutableBufferPointer { h in
                for i in 0..<h.count { h[i] = 0 }
                for k in src { h[Int((k >> shift) & 0xFFFF) + 1] += 1 }
                for i in 1..<h.count { h[i] += h[i - 1] }
                for k in src {
                    let d = Int((k >> shift) & 0xFFFF)
                    dst[h[d]] = k
                    h[d] += 1
                }
            }}}
            swap(&keys, &tmp)
        }
    }

    /// Hilbert curve index of (x, y) on a 2^16 × 2^16 grid.
    static func hilbertIndex(_ x: UInt32, _ y: UInt32) -> UInt32 {
        var x = x, y = y, d: UInt32 = 0
        var s: UInt32 = 1 << 15
        while s > 0 {
            let rx: UInt32 = (x & s) > 0 ? 1 : 0
            let ry: UInt32 = (y & s) > 0 ? 1 : 0
            d += s &* s &* ((3 &* rx) ^ ry)
            if ry == 0 {
                if rx == 1 { x = 65535 &- x; y = 65535 &- y }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }
}

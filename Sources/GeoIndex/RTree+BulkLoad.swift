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
    /// assigned in leaf order (so queries read payloads nearly sequentially);
    /// the returned array gives each input's handle, in input order.
    public init(bulk items: [(box: GeoBox, payload: Payload)], nodeCapacity: Int = 16, packing: Packing = .sortTileRecursive) {
        var handles: [RTreeHandle] = []
        self.init(bulk: items, nodeCapacity: nodeCapacity, packing: packing, handles: &handles)
    }

    public init(bulk items: [(box: GeoBox, payload: Payload)], nodeCapacity: Int = 16, packing: Packing = .sortTileRecursive,
                handles: inout [RTreeHandle]) {
        self.init(nodeCapacity: nodeCapacity)
        handles = []
        guard !items.isEmpty else { return }
        for item in items { precondition(item.box.isValid, "R-tree boxes must be finite with min <= max") }
        let n = items.count
        var cx = [Double](repeating: 0, count: n), cy = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let b = items[i].box
            cx[i] = (b.minLongitude + b.maxLongitude) * 0.5
            cy[i] = (b.minLatitude + b.maxLatitude) * 0.5
        }
        let order = Self.packOrder(cx: cx, cy: cy, capacity: nodeCapacity, packing: packing)

        // Entries are numbered in leaf order.
        payloads.reserveCapacity(n)
        entryLeaf = [Int32](repeating: -1, count: n)
        handles = [RTreeHandle](repeating: RTreeHandle(rawValue: 0), count: n)
        for (rank, i) in order.enumerated() {
            payloads.append(items[Int(i)].payload)
            handles[Int(i)] = RTreeHandle(rawValue: Int32(rank))
        }
        count = n

        // Leaves.
        var levelNodes: [Int] = []
        var levelBoxes: [GeoBox] = []
        let leafCount = (n + nodeCapacity - 1) / nodeCapacity
        reserveNodes(leafCount + leafCount / (nodeCapacity - 1) + 2)
        var rank = 0
        while rank < n {
            let node = allocateNode(level: 0)
            let end = min(n, rank + nodeCapacity)
            var box = items[Int(order[rank])].box
            for j in 0..<(end - rank) {
                let b = items[Int(order[rank + j])].box
                box = box.union(b)
                setSlot(node, j, b, Int32(rank + j))
                entryLeaf[rank + j] = Int32(node)
            }
            counts[node] = Int32(end - rank)
            levelNodes.append(node)
            levelBoxes.append(box)
            rank = end
        }
        // Upper levels.
        var level: Int32 = 1
        while levelNodes.count > 1 {
            let m = levelNodes.count
            var ux = [Double](repeating: 0, count: m), uy = [Double](repeating: 0, count: m)
            for i in 0..<m {
                ux[i] = (levelBoxes[i].minLongitude + levelBoxes[i].maxLongitude) * 0.5
                uy[i] = (levelBoxes[i].minLatitude + levelBoxes[i].maxLatitude) * 0.5
            }
            let upOrder = Self.packOrder(cx: ux, cy: uy, capacity: nodeCapacity, packing: packing)
            var nextNodes: [Int] = [], nextBoxes: [GeoBox] = []
            var k = 0
            while k < m {
                let node = allocateNode(level: level)
                let end = min(m, k + nodeCapacity)
                var box = levelBoxes[Int(upOrder[k])]
                for j in 0..<(end - k) {
                    let i = Int(upOrder[k + j])
                    box = box.union(levelBoxes[i])
                    setSlot(node, j, levelBoxes[i], Int32(levelNodes[i]))
                    parents[levelNodes[i]] = Int32(node)
                }
                counts[node] = Int32(end - k)
                nextNodes.append(node)
                nextBoxes.append(box)
                k = end
            }
            levelNodes = nextNodes
            levelBoxes = nextBoxes
            level += 1
        }
        root = Int32(levelNodes[0])
    }

    mutating func reserveNodes(_ nodes: Int) {
        coords.reserveCapacity(nodes * 4 * nodeCapacity)
        children.reserveCapacity(nodes * nodeCapacity)
        counts.reserveCapacity(nodes); levels.reserveCapacity(nodes); parents.reserveCapacity(nodes)
    }

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
            keys.sort()
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
        keys.sort()
        return keys.map { Int32(truncatingIfNeeded: $0) }
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

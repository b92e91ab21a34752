extension RTree {
    /// Adds an entry; duplicates (same box, same payload) are separate entries.
    @discardableResult
    public mutating func insert(_ box: GeoBox, _ payload: Payload) -> RTreeHandle {
        precondition(box.isValid, "R-tree boxes must be finite with min <= max")
        let e = allocateEntry(payload)
        attach(entry: e, box: box)
        return RTreeHandle(rawValue: e)
    }

    /// Adds a point entry.
    @discardableResult
    public mutating func insert(_ point: GeoPoint, _ payload: Payload) -> RTreeHandle {
        insert(GeoBox(point: point), payload)
    }

    /// Puts an allocated entry into a leaf (ChooseLeaf, then split upward as needed).
    mutating func attach(entry e: Int32, box: GeoBox) {
        if root < 0 { root = Int32(allocateNode(level: 0)) }
        let leaf = chooseNode(for: box, level: 0)
        entryLeaf[Int(e)] = Int32(leaf)
        entryLongitude[Int(e)] = (box.minLongitude + box.maxLongitude) * 0.5
        entryLatitude[Int(e)] = (box.minLatitude + box.maxLatitude) * 0.5
        addSlot(to: leaf, box: box, child: e)
    }

    /// Descends from the root to a node at `level`, taking at each step the child
    /// whose box grows least (ties: smaller area), as in Guttman's ChooseLeaf.
    func chooseNode(for box: GeoBox, level: Int32) -> Int {
        var n = Int(root)
        while levels[n] > level {
            var best = 0
            var bestGrowth = Double.infinity
            var bestArea = Double.infinity
            for j in 0..<Int(counts[n]) {
                let s = slotBox(n, j)
                let area = s.degreeArea
                let growth = s.union(box).degreeArea - area
                if growth < bestGrowth || (growth == bestGrowth && area < bestArea) {
                    best = j; bestGrowth = growth; bestArea = area
                }
            }
            n = Int(children[n * nodeCapacity + best])
        }
        return n
    }

    /// Appends a slot to `node`, splitting it when full, and fixes boxes up to the root.
    mutating func addSlot(to node: Int, box: GeoBox, child: Int32) {
        let c = Int(counts[node])
        enlargeAncestors(of: node, by: box)
        if c < nodeCapacity {
            setSlot(node, c, box, child)
            counts[node] = Int32(c + 1)
            if levels[node] > 0 { parents[Int(child)] = Int32(node) }
            return
        }
        let sibling = split(node, extra: box, extraChild: child)
        let parent = Int(parents[node])
        if parent < 0 {
            let newRoot = allocateNode(level: levels[node] + 1)
            setSlot(newRoot, 0, nodeBox(node), Int32(node))
            setSlot(newRoot, 1, nodeBox(sibling), Int32(sibling))
            counts[newRoot] = 2
            parents[node] = Int32(newRoot)
            parents[sibling] = Int32(newRoot)
            root = Int32(newRoot)
            return
        }
        let j = slotOf(child: Int32(node), in: parent)
        setSlot(parent, j, nodeBox(node), Int32(node))
        addSlot(to: parent, box: nodeBox(sibling), child: Int32(sibling))
    }

    /// Widens the slot boxes on the path from `node` to the root to hold `box`.
    mutating func enlargeAncestors(of node: Int, by box: GeoBox) {
        var n = node
        while parents[n] >= 0 {
            let p = Int(parents[n])
            let j = slotOf(child: Int32(n), in: p)
            let old = slotBox(p, j)
            if old.contains(box) { return }
            setSlot(p, j, old.union(box), Int32(n))
            n = p
        }
    }

    /// R*-tree topological split of a full node plus one extra slot: pick the axis
    /// with the smallest sum of margins over all legal distributions, then the
    /// distribution with least overlap (ties: least total area). The node keeps the
    /// first group; a new sibling at the same level gets the second.
    mutating func split(_ node: Int, extra: GeoBox, extraChild: Int32) -> Int {
        let m = nodeCapacity
        var items: [(box: GeoBox, child: Int32)] = (0..<m).map { (slotBox(node, $0), children[node * m + $0]) }
        items.append((extra, extraChild))
        let total = items.count
        let lo = minimumFill, hi = total - minimumFill

        func prefixSuffix(_ order: [Int]) -> ([GeoBox], [GeoBox]) {
            var pre = [GeoBox](repeating: items[order[0]].box, count: total)
            var suf = [GeoBox](repeating: items[order[total - 1]].box, count: total)
            for i in 1..<total { pre[i] = pre[i - 1].union(items[order[i]].box) }
            for i in stride(from: total - 2, through: 0, by: -1) { suf[i] = suf[i + 1].union(items[order[i]].box) }
            return (pre, suf)
        }
        func margin(_ b: GeoBox) -> Double { (b.maxLongitude - b.minLongitude) + (b.maxLatitude - b.minLatitude) }

        var bestOrder: [Int] = []
        var bestMargin = Double.infinity
        for axis in 0..<2 {
            for byMax in [false, true] {
                let order = (0..<total).sorted { a, b in
                    let ba = items[a].box, bb = items[b].box
                    let ka = axis == 0 ? (byMax ? ba.maxLongitude : ba.minLongitude) : (byMax ? ba.maxLatitude : ba.minLatitude)
                    let kb = axis == 0 ? (byMax ? bb.maxLongitude : bb.minLongitude) : (byMax ? bb.maxLatitude : bb.minLatitude)
                    return ka != kb ? ka < kb : a < b
                }
                let (pre, suf) = prefixSuffix(order)
                var sum = 0.0
                for k in lo...hi { sum += margin(pre[k - 1]) + margin(suf[k]) }
                if sum < bestMargin { bestMargin = sum; bestOrder = order }
            }
        }
        let (pre, suf) = prefixSuffix(bestOrder)
        var bestK = lo
        var bestOverlap = Double.infinity, bestArea = Double.infinity
        for k in lo...hi {
            let a = pre[k - 1], b = suf[k]
            let ox = min(a.maxLongitude, b.maxLongitude) - max(a.minLongitude, b.minLongitude)
            let oy = min(a.maxLatitude, b.maxLatitude) - max(a.minLatitude, b.minLatitude)
            let overlap = ox > 0 && oy > 0 ? ox * oy : 0
            let area = a.degreeArea + b.degreeArea
            if overlap < bestOverlap || (overlap == bestOverlap && area < bestArea) {
                bestK = k; bestOverlap = overlap; bestArea = area
            }
        }

        let level = levels[node]
        let sibling = allocateNode(level: level)
        parents[sibling] = parents[node]
        for (i, idx) in bestOrder.enumerated() {
            let target = i < bestK ? node : sibling
            let j = i < bestK ? i : i - bestK
            setSlot(target, j, items[idx].box, items[idx].child)
            if level == 0 {
                entryLeaf[Int(items[idx].child)] = Int32(target)
            } else {
                parents[Int(items[idx].child)] = Int32(target)
            }
        }
        counts[node] = Int32(bestK)
        counts[sibling] = Int32(total - bestK)
        return sibling
    }
}

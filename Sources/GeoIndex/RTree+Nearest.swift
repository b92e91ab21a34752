extension RTree {
    /// The `k` entries nearest to `point` by haversine distance to each entry's point
    /// (its box centre), nearest first, ties by handle. Best-first search over node
    /// boxes with `Geodesy.minDistanceKm` as the lower bound.
    public func nearest(to point: GeoPoint, k: Int) -> [(handle: RTreeHandle, payload: Payload, distanceKm: Double)] {
        guard k > 0, root >= 0, count > 0 else { return [] }
        // Heap items: (distance, kind 0 = node / 1 = entry, index). Nodes sort before
        // entries at equal distance so an entry is emitted only after every node
        // that could hold something as near.
        var heap = MinHeap<(Double, Int32, Int32)> { a, b in
            a.0 != b.0 ? a.0 < b.0 : (a.1 != b.1 ? a.1 < b.1 : a.2 < b.2)
        }
        heap.push((0, 0, root))
        var out: [(handle: RTreeHandle, payload: Payload, distanceKm: Double)] = []
        while let (d, kind, index) = heap.pop() {
            if kind == 1 {
                out.append((RTreeHandle(rawValue: index), payloads[Int(index)]!, d))
                if out.count == k { break }
                continue
            }
            let n = Int(index)
            for j in 0..<Int(counts[n]) {
                let box = slotBox(n, j)
                let child = children[n * nodeCapacity + j]
                if levels[n] == 0 {
                    heap.push((Geodesy.haversineKm(point, box.center), 1, child))
                } else {
                    heap.push((Geodesy.minDistanceKm(from: point, to: box), 0, child))
                }
            }
        }
        return out
    }
}

/// A binary min-heap ordered by a comparison closure.
struct MinHeap<Element> {
    private var items: [Element] = []
    private let less: @Sendable (Element, Element) -> Bool

    init(less: @escaping @Sendable (Element, Element) -> Bool) { self.less = less }

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    var top: Element? { items.first }

    mutating func push(_ x: Element) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if !less(items[i], items[p]) { break }
            items.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let out = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return out
    }
}
extension MinHeap: Sendable where Element: Sendable {}

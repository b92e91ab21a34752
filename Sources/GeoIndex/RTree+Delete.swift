extension RTree {
    /// Removes an entry and returns its payload; nil when the handle is not live.
    @discardableResult
    public mutating func remove(_ handle: RTreeHandle) -> Payload? {
        guard contains(handle) else { return nil }
        let e = handle.rawValue
        detach(entry: e)
        let payload = payloads[Int(e)]
        payloads[Int(e)] = nil
        freeEntries.append(e)
        _count -= 1
        return payload
    }

    /// Removes one entry with exactly this box whose payload equals `payload`;
    /// false when there is none.
    @discardableResult
    public mutating func remove(_ box: GeoBox, _ payload: Payload) -> Bool where Payload: Equatable {
        var found: RTreeHandle?
        forEach(intersecting: box) { h, p in
            if found == nil, p == payload, self.box(of: h) == box { found = h }
        }
        guard let h = found else { return false }
        remove(h)
        return true
    }

    /// Moves an entry to a new box, keeping its handle. A box that still fits its
    /// leaf's box is rewritten in place; otherwise the entry is re-inserted.
    public mutating func update(_ handle: RTreeHandle, to box: GeoBox) {
        precondition(contains(handle), "stale R-tree handle")
        precondition(box.isValid, "R-tree boxes must be finite with min <= max")
        let e = handle.rawValue
        let leaf = Int(entryLeaf[Int(e)])
        let parent = Int(parents[leaf])
        if parent < 0 || slotBox(parent, slotOf(child: Int32(leaf), in: parent)).contains(box) {
            setSlot(leaf, slotOf(entry: e, in: leaf), box, e)
            entryLongitude[Int(e)] = (box.minLongitude + box.maxLongitude) * 0.5
            entryLatitude[Int(e)] = (box.minLatitude + box.maxLatitude) * 0.5
            return
        }
        detach(entry: e)
        attach(entry: e, box: box)
    }

    /// Takes an entry out of its leaf, then condenses the tree: nodes left under
    /// `minimumFill` are dissolved and their entries re-inserted (Guttman's
    /// CondenseTree), boxes on the path are recomputed, and a root with one child
    /// is replaced by that child.
    mutating func detach(entry e: Int32) {
        let leaf = Int(entryLeaf[Int(e)])
        removeSlot(slotOf(entry: e, in: leaf), from: leaf)
        entryLeaf[Int(e)] = -1

        var orphans: [(Int32, GeoBox)] = []
        var n = leaf
        while parents[n] >= 0 {
            let p = Int(parents[n])
            let j = slotOf(child: Int32(n), in: p)
            if Int(counts[n]) < minimumFill {
                removeSlot(j, from: p)
                collectEntries(under: n, into: &orphans)
            } else {
                setSlot(p, j, nodeBox(n), Int32(n))
            }
            n = p
        }
        while levels[Int(root)] > 0 && counts[Int(root)] == 1 {
            let old = Int(root)
            root = children[old * nodeCapacity]
            parents[Int(root)] = -1
            freeNode(old)
        }
        if counts[Int(root)] == 0 && levels[Int(root)] > 0 {
            freeNode(Int(root))
            root = Int32(allocateNode(level: 0))
        }
        for (orphan, box) in orphans { attach(entry: orphan, box: box) }
    }

    mutating func removeSlot(_ j: Int, from node: Int) {
        let last = Int(counts[node]) - 1
        if j != last {
            setSlot(node, j, slotBox(node, last), children[node * nodeCapacity + last])
        }
        counts[node] = Int32(last)
    }

    /// Frees every node of a subtree, gathering its entries.
    mutating func collectEntries(under node: Int, into out: inout [(Int32, GeoBox)]) {
        var stack = [node]
        while let n = stack.popLast() {
            for j in 0..<Int(counts[n]) {
                let c = children[n * nodeCapacity + j]
                if levels[n] == 0 {
                    out.append((c, slotBox(n, j)))
                    entryLeaf[Int(c)] = -1
                } else {
                    stack.append(Int(c))
                }
            }
            freeNode(n)
        }
    }
}

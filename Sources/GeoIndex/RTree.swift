/// Stable name of one entry of an `RTree`; valid until that entry is removed.
public struct RTreeHandle: Hashable, Comparable, Sendable {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    @inlinable public static func < (a: RTreeHandle, b: RTreeHandle) -> Bool { a.rawValue < b.rawValue }
}

/// An in-memory R-tree over lon/lat boxes, generic over its payload.
///
/// Storage is flat and contiguous: node `n` owns slots `n*M ..< n*M + M`, and the
/// slot boxes of a node are stored struct-of-arrays (`minLon[M] minLat[M] maxLon[M]
/// maxLat[M]`) in one `[Double]`, so a node's test is four short linear scans with
/// no pointer chasing and no per-node allocation. A slot of an inner node names a
/// child node; a slot of a leaf names an entry. Nodes and entries are recycled
/// through free lists. Edges are inclusive everywhere.
///
/// Bulk loading packs full nodes in Hilbert-curve order by default, chosen by
/// measurement over STR (docs/geo-index.md): siblings are also neighbours in
/// memory, which the circle queries' memory traffic rewards. Dynamic inserts use least-enlargement
/// ChooseSubtree and the R*-tree's topological split; deletes condense the tree
/// by re-inserting the entries of under-full nodes (Guttman's CondenseTree).
public struct RTree<Payload> {
    /// M: slots per node.
    public let nodeCapacity: Int
    /// m: a non-root node with fewer entries after a delete is dissolved and re-inserted.
    public let minimumFill: Int

    @usableFromInline var coords: [Double] = []
    @usableFromInline var children: [Int32] = []
    @usableFromInline var counts: [Int32] = []
    /// 0 for leaves; -1 marks a free node.
    @usableFromInline var levels: [Int32] = []
    @usableFromInline var parents: [Int32] = []
    @usableFromInline var freeNodes: [Int32] = []
    @usableFromInline var root: Int32 = -1

    /// Leaf holding each entry; -1 for a free entry slot.
    @usableFromInline var entryLeaf: [Int32] = []
    @usableFromInline var payloads: [Payload?] = []
    /// Centre of each entry's box (its point, for point entries), by entry: circle
    /// queries read these 16 bytes instead of the leaf slot's 32.
    @usableFromInline var entryLongitude: [Double] = []
    @usableFromInline var entryLatitude: [Double] = []
    @usableFromInline var freeEntries: [Int32] = []
    @usableFromInline var _count: Int = 0
    /// Number of live entries.
    @inlinable public var count: Int { _count }

    /// - Parameter nodeCapacity: M, at least 4 (16 measured best for 1M points).
    @inlinable
    public init(nodeCapacity: Int = 16) {
        precondition(nodeCapacity >= 4 && nodeCapacity <= 256, "R-tree node capacity must be in 4...256")
        self.nodeCapacity = nodeCapacity
        self.minimumFill = max(2, nodeCapacity * 2 / 5)
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// Number of levels (0 for an empty tree, 1 for a lone leaf).
    @inlinable public var height: Int { root < 0 ? 0 : Int(levels[Int(root)]) + 1 }

    /// The payload of a live entry.
    @inlinable public subscript(handle: RTreeHandle) -> Payload {
        get { payloads[Int(handle.rawValue)]! }
        set { precondition(contains(handle), "stale R-tree handle"); payloads[Int(handle.rawValue)] = newValue }
    }

    @inlinable public func contains(_ handle: RTreeHandle) -> Bool {
        let e = Int(handle.rawValue)
        return e >= 0 && e < entryLeaf.count && entryLeaf[e] >= 0
    }

    /// The box an entry is indexed under.
    public func box(of handle: RTreeHandle) -> GeoBox {
        precondition(contains(handle), "stale R-tree handle")
        let leaf = Int(entryLeaf[Int(handle.rawValue)])
        return slotBox(leaf, slotOf(entry: handle.rawValue, in: leaf))
    }

    /// Bounding box of everything in the tree, or nil when empty.
    public var boundingBox: GeoBox? { root < 0 || counts[Int(root)] == 0 ? nil : nodeBox(Int(root)) }

    /// Removes everything, keeping capacity.
    public mutating func removeAll() {
        self = RTree(nodeCapacity: nodeCapacity)
    }

    // MARK: slot storage

    @inlinable @inline(__always)
    func slotBox(_ node: Int, _ j: Int) -> GeoBox {
        let m = nodeCapacity, base = node * 4 * m
        return GeoBox(minLongitude: coords[base + j], minLatitude: coords[base + m + j],
                      maxLongitude: coords[base + 2 * m + j], maxLatitude: coords[base + 3 * m + j])
    }

    @inlinable @inline(__always)
    mutating func setSlot(_ node: Int, _ j: Int, _ box: GeoBox, _ child: Int32) {
        let m = nodeCapacity, base = node * 4 * m
        coords[base + j] = box.minLongitude
        coords[base + m + j] = box.minLatitude
        coords[base + 2 * m + j] = box.maxLongitude
        coords[base + 3 * m + j] = box.maxLatitude
        children[node * m + j] = child
    }

    @usableFromInline
    func nodeBox(_ node: Int) -> GeoBox {
        let n = Int(counts[node])
        var box = slotBox(node, 0)
        for j in 1..<max(1, n) { box = box.union(slotBox(node, j)) }
        return box
    }

    func slotOf(entry: Int32, in leaf: Int) -> Int {
        let base = leaf * nodeCapacity
        for j in 0..<Int(counts[leaf]) where children[base + j] == entry { return j }
        preconditionFailure("R-tree entry missing from its leaf")
    }

    func slotOf(child: Int32, in node: Int) -> Int {
        let base = node * nodeCapacity
        for j in 0..<Int(counts[node]) where children[base + j] == child { return j }
        preconditionFailure("R-tree node missing from its parent")
    }

    mutating func allocateNode(level: Int32) -> Int {
        if let n = freeNodes.popLast() {
            let i = Int(n)
            levels[i] = level; counts[i] = 0; parents[i] = -1
            return i
        }
        let i = levels.count
        coords.append(contentsOf: repeatElement(0, count: 4 * nodeCapacity))
        children.append(contentsOf: repeatElement(-1, count: nodeCapacity))
        counts.append(0); levels.append(level); parents.append(-1)
        return i
    }

    mutating func freeNode(_ node: Int) {
        levels[node] = -1; counts[node] = 0; parents[node] = -1
        freeNodes.append(Int32(node))
    }

    mutating func allocateEntry(_ payload: Payload) -> Int32 {
        _count += 1
        if let e = freeEntries.popLast() {
            payloads[Int(e)] = payload
            return e
        }
        payloads.append(payload)
        entryLeaf.append(-1)
        entryLongitude.append(0)
        entryLatitude.append(0)
        return Int32(payloads.count - 1)
    }
}

extension RTree: Sendable where Payload: Sendable {}

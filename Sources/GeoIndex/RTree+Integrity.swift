/// A broken R-tree invariant, found by `RTree.checkIntegrity()`.
public struct RTreeIntegrityError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension RTree {
    /// Shape facts the integrity check returns, for tests and diagnostics.
    public struct Shape: Equatable, Sendable {
        public var height: Int
        public var nodes: Int
        public var leaves: Int
        public var entries: Int
    }

    /// Checks every invariant (SQLite's `rtreecheck` is the model): each slot box of
    /// an inner node contains every box of its child; parent links and leaf links
    /// agree; levels drop by one per step so all leaves are at one depth; node fill
    /// is within 1...M (the root may be an empty leaf); entry count matches.
    public func checkIntegrity() throws(RTreeIntegrityError) -> Shape {
        func fail(_ s: String) -> RTreeIntegrityError { RTreeIntegrityError(description: "R-tree integrity: " + s) }
        guard root >= 0 else {
            if count != 0 { throw fail("no root but count \(count)") }
            return Shape(height: 0, nodes: 0, leaves: 0, entries: 0)
        }
        let r = Int(root)
        if parents[r] != -1 { throw fail("root \(r) has parent \(parents[r])") }
        var shape = Shape(height: Int(levels[r]) + 1, nodes: 0, leaves: 0, entries: 0)
        var seenEntries = Set<Int32>()
        var stack = [r]
        while let n = stack.popLast() {
            shape.nodes += 1
            let c = Int(counts[n]), level = levels[n]
            if level < 0 { throw fail("node \(n) is on the free list but reachable") }
            if c > nodeCapacity { throw fail("node \(n) holds \(c) > M") }
            if c == 0 && !(n == r && level == 0) { throw fail("node \(n) is empty") }
            for j in 0..<c {
                let child = children[n * nodeCapacity + j]
                let box = slotBox(n, j)
                if !box.isValid { throw fail("node \(n) slot \(j) has invalid box \(box)") }
                if level == 0 {
                    shape.entries += 1
                    if !seenEntries.insert(child).inserted { throw fail("entry \(child) appears twice") }
                    if entryLeaf[Int(child)] != Int32(n) { throw fail("entry \(child) says leaf \(entryLeaf[Int(child)]), found in \(n)") }
                    if payloads[Int(child)] == nil { throw fail("entry \(child) in a leaf has no payload") }
                } else {
                    let k = Int(child)
                    if levels[k] != level - 1 { throw fail("node \(k) at level \(levels[k]) under level \(level)") }
                    if parents[k] != Int32(n) { throw fail("node \(k) says parent \(parents[k]), found under \(n)") }
                    if counts[k] == 0 { throw fail("inner node \(n) points to empty node \(k)") }
                    if !box.contains(nodeBox(k)) { throw fail("node \(k)'s box \(nodeBox(k)) is not inside its slot \(box)") }
                    stack.append(k)
                }
            }
            if level == 0 { shape.leaves += 1 }
        }
        if shape.entries != count { throw fail("found \(shape.entries) entries, count says \(count)") }
        let live = entryLeaf.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        if live != count { throw fail("\(live) entries marked live, count says \(count)") }
        if shape.nodes + freeNodes.count != levels.count { throw fail("node storage leaks: \(shape.nodes) reachable + \(freeNodes.count) free != \(levels.count)") }
        return shape
    }
}

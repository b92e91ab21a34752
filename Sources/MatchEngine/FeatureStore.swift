import MatchKernels

/// One shard partition's stored sightings (step 10): embeddings as panel rows (each item 1–N
/// rows), and per item its id and gate attributes. Items and rows are removed
/// by swap-remove, so add, update and remove never rebuild the store.
///
/// Not Sendable: a `MatcherActor` owns it.
final class FeatureStore<Attributes> {
    let panels: EmbeddingPanels
    /// By item slot.
    private(set) var ids: [UInt64] = []
    private(set) var attributes: [Attributes] = []
    private(set) var rowsOfItem: [[Int32]] = []
    /// By row: the item slot owning it.
    private(set) var itemOfRow: [Int32] = []
    private var slotOf: [UInt64: Int] = [:]

    init(dimension: Int) { panels = EmbeddingPanels(dimension: dimension) }

    var dimension: Int { panels.dimension }
    var itemCount: Int { ids.count }
    var rowCount: Int { panels.count }

    func contains(_ id: UInt64) -> Bool { slotOf[id] != nil }
    func slot(of id: UInt64) -> Int? { slotOf[id] }

    /// Adds the item, or replaces it when the id is already stored.
    func upsert(id: UInt64, embeddings: [[Float]], attributes: Attributes) {
        if let slot = slotOf[id], rowsOfItem[slot].count == embeddings.count {
            // Same photo count: overwrite in place.
            for (row, e) in zip(rowsOfItem[slot], embeddings) { panels.set(row: Int(row), e) }
            self.attributes[slot] = attributes
            return
        }
        remove(id: id)
        let slot = ids.count
        ids.append(id)
        self.attributes.append(attributes)
        var rows: [Int32] = []
        for e in embeddings {
            rows.append(Int32(panels.append(e)))
            itemOfRow.append(Int32(slot))
        }
        rowsOfItem.append(rows)
        slotOf[id] = slot
    }

    /// Removes the item; false when it was not stored.
    @discardableResult
    func remove(id: UInt64) -> Bool {
        guard let slot = slotOf.removeValue(forKey: id) else { return false }
        // Rows in descending order: any later row of this item is gone before a
        // swap could move it.
        for row in rowsOfItem[slot].sorted(by: >) { removeRow(Int(row)) }
        let last = ids.count - 1
        if slot != last {
            ids[slot] = ids[last]
            attributes[slot] = attributes[last]
            rowsOfItem[slot] = rowsOfItem[last]
            for row in rowsOfItem[slot] { itemOfRow[Int(row)] = Int32(slot) }
            slotOf[ids[slot]] = slot
        }
        ids.removeLast()
        attributes.removeLast()
        rowsOfItem.removeLast()
        return true
    }

    private func removeRow(_ row: Int) {
        if let moved = panels.swapRemove(row) {
            let owner = Int(itemOfRow[moved])
            itemOfRow[row] = Int32(owner)
            if let i = rowsOfItem[owner].firstIndex(of: Int32(moved)) { rowsOfItem[owner][i] = Int32(row) }
        }
        itemOfRow.removeLast()
    }

    /// The stored embeddings of an item, in the order given.
    func embeddings(of id: UInt64) -> [[Float]]? {
        slotOf[id].map { rowsOfItem[$0].map { panels.row(Int($0)) } }
    }

    /// Checks every cross-reference (tests call it after each mutation); returns
    /// a description of the first broken invariant, or nil.
    func invariantViolation() -> String? {
        guard ids.count == attributes.count, ids.count == rowsOfItem.count, slotOf.count == ids.count else {
            return "column lengths differ"
        }
        guard itemOfRow.count == panels.count else { return "itemOfRow has \(itemOfRow.count) rows, panels \(panels.count)" }
        for (slot, id) in ids.enumerated() where slotOf[id] != slot { return "slotOf[\(id)] != \(slot)" }
        var seen = 0
        for (slot, rows) in rowsOfItem.enumerated() {
            for row in rows where itemOfRow[Int(row)] != Int32(slot) { return "row \(row) not owned by slot \(slot)" }
            seen += rows.count
        }
        guard seen == panels.count else { return "rows owned \(seen) != rows stored \(panels.count)" }
        let padEnd = panels.panelCount * PanelLayout.width
        for row in panels.count..<padEnd {
            for d in 0..<dimension where panels.base[PanelLayout.offset(row: row, dim: d, dimension: dimension)] != 0 {
                return "padding row \(row) is not zero"
            }
        }
        return nil
    }
}

typealias SightingFeatureStore = FeatureStore<SightingAttributes>

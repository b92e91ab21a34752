import MatchKernels

/// One shard partition's cases, laid out for the gates (issue 16): rows are
/// kept in *layout order* — cases whose reach is still limited first, then the
/// rest; inside each, by sex, then birth date — in panels of 16 that each carry
/// a `PanelSummary`, so a sighting scans only the panels its time, reach, sex
/// and age gates can admit (`CaseStore+Match`).
///
/// Changes never shift rows: an added or replaced case is appended after the
/// laid-out panels (the *delta*), a removed one leaves dead rows behind. When
/// delta and dead rows pass a sixteenth of the live rows, the next match
/// rebuilds the layout (a sort and one copy of the rows), so the scan never
/// reads much more than the gates need.
///
/// Not Sendable: a `MatcherActor` owns it.
final class CaseStore {
    let dimension: Int
    private(set) var panels: EmbeddingPanels
    /// By panel.
    private(set) var summaries: [PanelSummary] = []
    /// By case slot.
    private(set) var ids: [UInt64] = []
    private(set) var attributes: [CaseAttributes] = []
    private(set) var rowsOfItem: [[Int32]] = []
    /// By row: the case slot owning it, or -1 for padding and removed rows.
    private(set) var itemOfRow: [Int32] = []
    private var slotOf: [UInt64: Int] = [:]
    /// Panels before this one are in layout order; the rest are the delta.
    private(set) var laidOutPanels = 0
    /// The laid-out panels of each layout group (see `group`), in order. Inside
    /// one, panel birth-date bounds never decrease (rows sorted by birth date;
    /// removals only leave bounds wider than the live rows, never narrower).
    private(set) var groups: [(sex: Sex, panels: Range<Int>)] = []
    private(set) var liveRows = 0
    private(set) var deadRows = 0

    /// With `keepsBF16` / `keepsInt8`, the rows also have a bf16 / int8 copy for the prefilters.
    init(dimension: Int, hugePages: Bool = true, keepsBF16: Bool = false, keepsInt8: Bool = false) {
        self.dimension = dimension
        panels = EmbeddingPanels(dimension: dimension, hugePages: hugePages, keepsBF16: keepsBF16, keepsInt8: keepsInt8)
    }

    var itemCount: Int { ids.count }
    var panelCount: Int { panels.panelCount }
    var deltaRows: Int { panels.count - laidOutPanels * PanelLayout.width }

    func contains(_ id: UInt64) -> Bool { slotOf[id] != nil }
    func slotOf(_ id: UInt64) -> Int? { slotOf[id] }

    /// Adds the case, or replaces it when the id is already stored.
    func upsert(id: UInt64, embeddings: [[Float]], attributes: CaseAttributes) {
        remove(id: id)
        let slot = ids.count
        ids.append(id)
        self.attributes.append(attributes)
        rowsOfItem.append(embeddings.map { Int32(append($0, slot: slot, attributes: attributes)) })
        slotOf[id] = slot
    }

    /// Removes the case; false when it was not stored. Its rows stay as dead
    /// rows (zeroed, owned by no case) until the next rebuild.
    @discardableResult
    func remove(id: UInt64) -> Bool {
        guard let slot = slotOf.removeValue(forKey: id) else { return false }
        for row in rowsOfItem[slot] {
            panels.set(row: Int(row), [Float](repeating: 0, count: dimension))
            itemOfRow[Int(row)] = -1
            summaries[Int(row) / PanelLayout.width].live -= 1
        }
        liveRows -= rowsOfItem[slot].count
        deadRows += rowsOfItem[slot].count
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

    /// The stored embeddings of a case, in the order given.
    func embeddings(of id: UInt64) -> [[Float]]? {
        slotOf[id].map { rowsOfItem[$0].map { panels.row(Int($0)) } }
    }

    private func append(_ embedding: [Float], slot: Int, attributes: CaseAttributes) -> Int {
        let row = panels.append(embedding)
        itemOfRow.append(Int32(slot))
        if row % PanelLayout.width == 0 { summaries.append(PanelSummary()) }
        summaries[row / PanelLayout.width].include(attributes)
        liveRows += 1
        return row
    }

    /// Pads with empty rows to the next panel boundary.
    private func padToPanel() {
        while panels.count % PanelLayout.width != 0 {
            _ = panels.append([Float](repeating: 0, count: dimension))
            itemOfRow.append(-1)
        }
    }

    // MARK: layout

    /// Whether the delta and dead rows are enough to be worth a rebuild.
    var needsRebuild: Bool { deltaRows + deadRows > max(64, liveRows / 16) }

    /// The layout's group of a case at time `now`: reach still limited (or not
    /// yet missing) first, then by sex. Only the scan's cost depends on it:
    /// a case that changes group as time passes is still judged exactly.
    static func group(_ c: CaseAttributes, now: Int64, unlimitedAfter: Int64) -> Int {
        let limited = now &- c.missingSince <= unlimitedAfter
        return (limited ? 0 : 3) + Int(c.sex.rawValue)
    }

    /// Rewrites every live row in layout order: groups (see `group`) each start
    /// a panel; inside a group, by birth date (then id, for a deterministic order).
    func rebuild(now: Int64, unlimitedAfter: Int64) {
        let order = ids.indices.sorted { a, b in
            let ga = Self.group(attributes[a], now: now, unlimitedAfter: unlimitedAfter)
            let gb = Self.group(attributes[b], now: now, unlimitedAfter: unlimitedAfter)
            if ga != gb { return ga < gb }
            if attributes[a].birthDate != attributes[b].birthDate { return attributes[a].birthDate < attributes[b].birthDate }
            return ids[a] < ids[b]
        }
        let old = panels
        let oldRows = rowsOfItem
        panels = EmbeddingPanels(dimension: dimension, hugePages: old.hugePages, keepsBF16: old.keepsBF16, keepsInt8: old.keepsInt8)
        summaries = []
        itemOfRow = []
        liveRows = 0
        deadRows = 0
        groups = []
        var group: Int?
        for slot in order {
            let g = Self.group(attributes[slot], now: now, unlimitedAfter: unlimitedAfter)
            if g != group {
                padToPanel()
                closeGroup()
                groups.append((attributes[slot].sex, panels.panelCount..<panels.panelCount))
                group = g
            }
            rowsOfItem[slot] = oldRows[slot].map { Int32(append(old.row(Int($0)), slot: slot, attributes: attributes[slot])) }
        }
        padToPanel()
        closeGroup()
        laidOutPanels = panels.panelCount
    }

    private func closeGroup() {
        guard let last = groups.last else { return }
        groups[groups.count - 1].panels = last.panels.lowerBound..<panels.panelCount
    }
}

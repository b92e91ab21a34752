import MatchKernels

extension CaseStore {
    /// Checks every cross-reference and every panel summary (tests call it after
    /// each mutation); returns a description of the first broken invariant, or nil.
    func invariantViolation() -> String? {
        guard ids.count == attributes.count, ids.count == rowsOfItem.count, ids.count == itemCount else {
            return "column lengths differ"
        }
        guard itemOfRow.count == panels.count else { return "itemOfRow has \(itemOfRow.count) rows, panels \(panels.count)" }
        guard summaries.count == panels.panelCount else { return "\(summaries.count) summaries for \(panels.panelCount) panels" }
        for (slot, id) in ids.enumerated() where !contains(id) || slotOf(id) != slot { return "slot of \(id) is not \(slot)" }
        var owned = 0
        for (slot, rows) in rowsOfItem.enumerated() {
            for row in rows {
                guard itemOfRow[Int(row)] == Int32(slot) else { return "row \(row) not owned by slot \(slot)" }
                let p = summaries[Int(row) / PanelLayout.width], c = attributes[slot]
                guard p.sexMask & (1 << c.sex.rawValue) != 0, (p.birthMin...p.birthMax).contains(c.birthDate),
                      (p.missingMin...p.missingMax).contains(c.missingSince),
                      (p.latitudeMin...p.latitudeMax).contains(c.lastSeen.latitude)
                else { return "row \(row) lies outside its panel's summary" }
            }
            owned += rows.count
        }
        guard owned == liveRows else { return "rows owned \(owned) != live rows \(liveRows)" }
        for (p, summary) in summaries.enumerated() {
            let rows = p * PanelLayout.width..<min(itemOfRow.count, (p + 1) * PanelLayout.width)
            let live = rows.filter { itemOfRow[$0] >= 0 }.count
            guard live == Int(summary.live) else { return "panel \(p) counts \(summary.live) live rows, holds \(live)" }
        }
        for row in 0..<panels.panelCount * PanelLayout.width where row >= itemOfRow.count || itemOfRow[row] < 0 {
            for d in 0..<dimension where panels.base[PanelLayout.offset(row: row, dim: d, dimension: dimension)] != 0 {
                return "empty row \(row) is not zero"
            }
        }
        return nil
    }
}

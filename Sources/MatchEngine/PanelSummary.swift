/// Bounds over the rows ever placed in one panel of a `CaseStore` (16 rows):
/// which sexes, the birth-date and missing-since ranges, the last-seen
/// latitudes, and how many rows are still live. A removed row stays inside the
/// bounds until the next rebuild, so the bounds are a superset of the live
/// rows' values: good enough to prove that no row, or every row, passes a gate.
struct PanelSummary: Hashable, Sendable {
    /// Bit `1 << sex.rawValue` for each sex present.
    var sexMask: UInt8 = 0
    var birthMin = Int64.max, birthMax = Int64.min
    var missingMin = Int64.max, missingMax = Int64.min
    var latitudeMin = Double.infinity, latitudeMax = -Double.infinity
    /// Rows of the panel that belong to a stored case.
    var live: Int32 = 0

    mutating func include(_ c: CaseAttributes) {
        sexMask |= 1 << c.sex.rawValue
        birthMin = min(birthMin, c.birthDate)
        birthMax = max(birthMax, c.birthDate)
        missingMin = min(missingMin, c.missingSince)
        missingMax = max(missingMax, c.missingSince)
        latitudeMin = min(latitudeMin, c.lastSeen.latitude)
        latitudeMax = max(latitudeMax, c.lastSeen.latitude)
        live += 1
    }
}

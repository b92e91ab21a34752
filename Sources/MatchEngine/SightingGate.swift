import GeoIndex

/// Contract steps 1–4 (time, reach, sex, age) for one sighting, restated as
/// integer bounds on a case's attributes so a whole panel can be judged from
/// its `PanelSummary`. Every bound is exact or conservative: a panel judged
/// `.none` holds no row that `ReferenceMatcher` would admit, and one judged
/// `.all` holds no live row that it would refuse.
struct SightingGate: Sendable {
    enum Verdict: Equatable { case none, some, all }

    let observedAt: Int64
    let location: GeoPoint
    /// Bits `1 << sex.rawValue` of the case sexes step 3 admits.
    let sexes: UInt8
    /// Step 4 as birth dates: exactly the births whose age passes (see `birthBounds`).
    let births: BirthWindow
    /// Past this elapsed time every reach is unlimited (the last tier's bound).
    let unlimitedAfter: Int64
    let tiers: ReachTierTable

    init(_ s: SightingAttributes, config: MatchConfig) {
        observedAt = s.observedAt
        location = s.location
        sexes = s.sex == .unknown ? 0b111 : (1 << Sex.unknown.rawValue) | (1 << s.sex.rawValue)
        births = s.estimatedAge.map { Self.birthBounds(observedAt: s.observedAt, ages: $0, tolerance: config.ageToleranceYears) }
            ?? BirthWindow(earliest: .min, latest: .max)
        tiers = config.reachTiers
        unlimitedAfter = config.reachTiers.tiers.last?.maxElapsedSeconds ?? -1
    }

    /// Births are searched within this distance of the sighting (about 34,800
    /// years): past it the age test fails for any tolerance under 30,000 years.
    static let searchSpan: Int64 = 1 << 40

    /// The birth dates `b` for which the age test of step 4 passes, computed by
    /// bisection on the test itself (age falls as `b` rises, and Double
    /// subtraction and division keep that order), so the bounds are exact
    /// rather than derived from a formula that could round differently.
    static func birthBounds(observedAt t: Int64, ages: ClosedRange<Double>, tolerance: Double) -> BirthWindow {
        guard tolerance.isFinite, tolerance >= 0, tolerance < 30_000,
              t > Int64.min / 2, t < Int64.max / 2 else { return BirthWindow(earliest: .min, latest: .max) }
        func age(_ b: Int64) -> Double { Double(t &- b) / 86_400 / 365.2425 }
        let notTooYoung = { (b: Int64) in age(b) >= ages.lowerBound - tolerance }  // true for small b
        let notTooOld = { (b: Int64) in age(b) <= ages.upperBound + tolerance }    // true for large b
        let low = t - searchSpan, high = t + searchSpan
        // Latest birth that is not too young.
        guard notTooYoung(low) else { return .empty }
        var a = low, z = high
        if notTooYoung(z) { a = z } else {
            while z - a > 1 { let m = a + (z - a) / 2; if notTooYoung(m) { a = m } else { z = m } }
        }
        let latest = a
        // Earliest birth that is not too old.
        guard notTooOld(high) else { return .empty }
        a = low; z = high
        if notTooOld(a) { z = a } else {
            while z - a > 1 { let m = a + (z - a) / 2; if notTooOld(m) { z = m } else { a = m } }
        }
        let earliest = z
        guard earliest <= latest else { return .empty }
        // Births beyond the search span fail the test (see `searchSpan`): an open
        // end stays open only when the bisection reached the span's edge.
        return BirthWindow(earliest: earliest == low ? .min : earliest, latest: latest == high ? .max : latest)
    }

    /// Whether no row, some rows or every live row of a panel can pass steps 1–4.
    func verdict(_ p: PanelSummary) -> Verdict {
        guard p.live > 0, p.sexMask & sexes != 0, p.birthMax >= births.earliest, p.birthMin <= births.latest,
              p.missingMin <= observedAt else { return .none }
        let longestElapsed = observedAt &- p.missingMin
        if longestElapsed <= unlimitedAfter {
            // Every reach in the panel is finite and at most that of its longest elapsed time.
            let reach = tiers.reachKm(elapsedSeconds: longestElapsed)
            if latitudeGapKm(p) > reach { return .none }
        }
        let all = p.sexMask & ~sexes == 0 && p.birthMin >= births.earliest && p.birthMax <= births.latest
            && p.missingMax <= observedAt && observedAt &- p.missingMax > unlimitedAfter
        return all ? .all : .some
    }

    /// A lower bound of the great-circle distance from the sighting to any point
    /// in the panel's latitude band (a path changes latitude at least that much),
    /// shrunk a little so rounding never makes it exceed the haversine.
    func latitudeGapKm(_ p: PanelSummary) -> Double {
        let gapDegrees = max(0, p.latitudeMin - location.latitude, location.latitude - p.latitudeMax)
        return gapDegrees * (Double.pi / 180) * Geodesy.earthRadiusKm * (1 - 1e-9) - 1e-6
    }
}

/// How far a missing child could have travelled, by time since they went missing
/// (contract step 2).
///
/// Tiers are sorted by `maxElapsed`; a sighting `elapsed` seconds after the case's
/// `missingSince` uses the first tier with `elapsed <= maxElapsed` (boundaries are
/// inclusive). Past the last tier the reach is unlimited.
public struct ReachTierTable: Hashable, Sendable {
    public struct Tier: Hashable, Sendable {
        /// Upper bound of elapsed time for this tier, in seconds (inclusive).
        public var maxElapsedSeconds: Int64
        /// Reach in kilometres.
        public var reachKm: Double

        public init(maxElapsedSeconds: Int64, reachKm: Double) {
            self.maxElapsedSeconds = maxElapsedSeconds
            self.reachKm = reachKm
        }
    }

    public enum ValidationError: Error, Equatable, CustomStringConvertible {
        case empty
        case notIncreasing(index: Int)
        case invalidReach(index: Int)

        public var description: String {
            switch self {
            case .empty: "reach tier table is empty: give at least one tier"
            case .notIncreasing(let i): "reach tier \(i): max elapsed times and reaches must both increase strictly"
            case .invalidReach(let i): "reach tier \(i): reach must be a finite number of kilometres > 0"
            }
        }
    }

    public let tiers: [Tier]

    public init(tiers: [Tier]) throws(ValidationError) {
        guard !tiers.isEmpty else { throw .empty }
        for (i, tier) in tiers.enumerated() {
            guard tier.reachKm.isFinite, tier.reachKm > 0, tier.maxElapsedSeconds >= 0 else {
                throw .invalidReach(index: i)
            }
            if i > 0 {
                let previous = tiers[i - 1]
                guard tier.maxElapsedSeconds > previous.maxElapsedSeconds,
                      tier.reachKm > previous.reachKm else { throw .notIncreasing(index: i) }
            }
        }
        self.tiers = tiers
    }

    /// The contract's default: ≤1 h → 100 km, ≤2 h → 200, ≤3 h → 300, ≤24 h → 500,
    /// ≤7 days → 1000, beyond → unlimited.
    public static let `default`: ReachTierTable = try! ReachTierTable(tiers: [
        Tier(maxElapsedSeconds: 3_600, reachKm: 100),
        Tier(maxElapsedSeconds: 7_200, reachKm: 200),
        Tier(maxElapsedSeconds: 10_800, reachKm: 300),
        Tier(maxElapsedSeconds: 86_400, reachKm: 500),
        Tier(maxElapsedSeconds: 604_800, reachKm: 1_000),
    ])

    /// Index of the tier for `elapsedSeconds`, or nil when the reach is unlimited.
    /// Negative elapsed times belong to no tier: callers reject them first (step 1).
    @inlinable
    public func tierIndex(elapsedSeconds: Int64) -> Int? {
        for (i, tier) in tiers.enumerated() where elapsedSeconds <= tier.maxElapsedSeconds {
            return i
        }
        return nil
    }

    /// Reach in kilometres, or `.infinity` when unlimited.
    @inlinable
    public func reachKm(elapsedSeconds: Int64) -> Double {
        tierIndex(elapsedSeconds: elapsedSeconds).map { tiers[$0].reachKm } ?? .infinity
    }
}

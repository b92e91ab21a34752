import MatchEngine

/// An original sighting read back from the store after a restart.
public struct RecoveredSighting<Fingerprint: Sendable>: Sendable {
    public var features: SightingFeatures
    public var province: String?
    public var digest: [UInt8]?
    public var fingerprint: Fingerprint?
    /// Matched (or failed) before the restart: only its photo claim and step-10 features come back.
    public var done: Bool

    public init(features: SightingFeatures, province: String?, digest: [UInt8]?, fingerprint: Fingerprint?, done: Bool) {
        self.features = features
        self.province = province
        self.digest = digest
        self.fingerprint = fingerprint
        self.done = done
    }
}

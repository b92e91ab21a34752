/// The perceptual side of repost detection as the coordinator core uses it:
/// a fingerprint names an earlier original or not. The core decides claims
/// and waiting around it; the index only answers. `PhotoPipeline`'s
/// `RepostDetector` is the production one (the shell conforms it); tests use
/// a plain one.
public protocol NearDuplicateIndex: Sendable {
    associatedtype Fingerprint: Sendable

    /// The original sighting this fingerprint reposts (identical bytes or within
    /// the contract's perceptual distance), if any.
    func original(of fingerprint: Fingerprint) -> UInt64?

    /// Registers an original's fingerprint under its sighting id.
    mutating func register(_ fingerprint: Fingerprint, sightingID: UInt64)

    /// Unregisters an original that was never stored: later photos must not
    /// be taken for its reposts.
    mutating func forget(_ fingerprint: Fingerprint, sightingID: UInt64)
}

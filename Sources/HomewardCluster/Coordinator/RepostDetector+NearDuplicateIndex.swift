import ClusterCore
import PhotoPipeline

/// The contract's perceptual repost check as the coordinator core's index.
extension RepostDetector: NearDuplicateIndex {
    public func original(of fingerprint: PhotoFingerprint) -> UInt64? {
        let hit: (id: UInt64, kind: RepostKind)? = original(of: fingerprint)
        return hit?.id
    }
}

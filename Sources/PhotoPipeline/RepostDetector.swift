/// Collapses reposts at intake, before any face work (the contract: a photo
/// byte-identical to, or within 31 perceptual-hash bits of, an earlier
/// sighting's photo is a repost of that first sighting).
///
/// Only first sightings are stored, so every match names an original. A value
/// type: the coordinator keeps one inside its intake actor and re-registers
/// stored originals with `register` after a restart.
public struct RepostDetector: Sendable {
    /// What intake should do with a submission.
    public enum Decision: Sendable, Hashable {
        /// Not seen before; now registered under the given sighting id.
        /// Run face extraction on `image`.
        case original(PhotoFingerprint, DecodedImage)
        /// A repost of `original`; nothing to extract or match.
        case repost(of: UInt64, kind: RepostKind)
    }

    public enum RepostKind: Sendable, Hashable {
        case identicalBytes
        case nearDuplicate(distance: Int)
    }

    public let maxDistance: Int
    /// Hashes below this PDQ quality (near-flat images) are matched by bytes
    /// only: their perceptual hashes are noise and would collide.
    public let minimumQuality: Int
    /// SHA-256 of every distinct byte string seen (originals and the near-duplicate
    /// reposts), so that a repost reposted again is recognised without decoding.
    private var bySHA: [ByteDigest: UInt64] = [:]
    private var originals = 0
    private var index = MultiIndexHashIndex()

    public init(maxDistance: Int = PerceptualHash.nearDuplicateDistance, minimumQuality: Int = 50) {
        self.maxDistance = maxDistance
        self.minimumQuality = minimumQuality
    }

    /// Number of originals registered.
    public var count: Int { originals }

    /// The original this fingerprint reposts, if any (does not register).
    public func original(of fingerprint: PhotoFingerprint) -> (id: UInt64, kind: RepostKind)? {
        if let id = bySHA[fingerprint.sha256] { return (id, .identicalBytes) }
        guard fingerprint.quality >= minimumQuality,
              let match = index.nearest(to: fingerprint.perceptual, maxDistance: maxDistance) else { return nil }
        return (match.id, .nearDuplicate(distance: match.distance))
    }

    /// Registers an original (also for reloading stored sightings). A later
    /// registration of the same bytes keeps the first id.
    public mutating func register(_ fingerprint: PhotoFingerprint, sightingID: UInt64) {
        guard bySHA[fingerprint.sha256] == nil else { return }
        bySHA[fingerprint.sha256] = sightingID
        originals += 1
        if fingerprint.quality >= minimumQuality { index.insert(fingerprint.perceptual, id: sightingID) }
    }

    /// Forgets an original registered with `fingerprint` that was never stored
    /// (refused, or its store failed): it is no longer an original for later
    /// photos, which then find the next nearest one or none.
    public mutating func forget(_ fingerprint: PhotoFingerprint, sightingID: UInt64) {
        guard bySHA[fingerprint.sha256] == sightingID else { return }
        bySHA[fingerprint.sha256] = nil
        originals -= 1
        if fingerprint.quality >= minimumQuality { index.remove(fingerprint.perceptual, id: sightingID) }
    }

    /// The original whose exact bytes (or a near-duplicate repost's bytes) had this SHA-256.
    public func original(ofBytes digest: ByteDigest) -> UInt64? {
        bySHA[digest]
    }

    /// Remembers the bytes of a repost, so the same bytes again are answered
    /// from their SHA-256 without decoding.
    public mutating func rememberRepost(bytes digest: ByteDigest, of original: UInt64) {
        if bySHA[digest] == nil { bySHA[digest] = original }
    }

    /// What `classify` decides, without registering anything: for intake that
    /// must store a new sighting durably before registering it (call
    /// `register` after the store, `rememberRepost` for near-duplicates).
    public func inspect(_ photo: PhotoBytes, decoder: PhotoDecoder = PhotoDecoder()) throws(PhotoError) -> Inspection {
        guard photo.count <= decoder.limits.maxBytes else {
            throw .tooManyBytes(count: photo.count, limit: decoder.limits.maxBytes)
        }
        let digest = PhotoFingerprint.digest(of: photo)
        if let id = bySHA[digest] { return .repost(of: id, kind: .identicalBytes, sha256: digest) }
        let image = try decoder.decode(photo)
        let hashed = PerceptualHasher.hash(image)
        let fingerprint = PhotoFingerprint(sha256: digest, perceptual: hashed.hash, quality: hashed.quality)
        if let (id, kind) = original(of: fingerprint) { return .repost(of: id, kind: kind, sha256: digest) }
        return .new(fingerprint, image)
    }

    public enum Inspection: Sendable, Hashable {
        case new(PhotoFingerprint, DecodedImage)
        case repost(of: UInt64, kind: RepostKind, sha256: ByteDigest)
    }

    /// The intake step in one call. Byte-identical reposts are answered from
    /// the SHA-256 alone, without decoding; otherwise the photo is decoded
    /// (with every input check), hashed and looked up. A new photo is
    /// registered under `sightingID` and returned decoded for face extraction.
    public mutating func classify(_ photo: PhotoBytes, sightingID: UInt64,
                                  decoder: PhotoDecoder = PhotoDecoder()) throws(PhotoError) -> Decision {
        switch try inspect(photo, decoder: decoder) {
        case let .repost(id, kind, digest):
            rememberRepost(bytes: digest, of: id)
            return .repost(of: id, kind: kind)
        case let .new(fingerprint, image):
            register(fingerprint, sightingID: sightingID)
            return .original(fingerprint, image)
        }
    }
}

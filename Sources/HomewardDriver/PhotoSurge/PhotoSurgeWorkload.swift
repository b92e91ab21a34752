import PhotoPipeline
import Workload

/// A scenario's workload with real photos (`photo-surge`): the generated
/// schedule, with every sighting's embedding replaced by the faces of the
/// photo it carries, and every photo case's by its photo's most confident face,
/// as the driver's own extraction (the same dlib pipeline as the workers) found
/// them. The cluster extracts them again from the bytes; the driver's copy is
/// only the ground truth.
public struct PhotoSurgeWorkload: Sendable {
    public var generated: ScenarioWorkload
    /// Per sighting index: the photo it is submitted with.
    public var sightingPhotos: [PhotoBytes]
    /// Case index → the photo it is registered with (the photo cases; the others keep embeddings).
    public var casePhotos: [Int: PhotoBytes]
    /// Per sighting index: which photo and variant it is.
    public var entries: [Entry]
    /// Reposts whose variant showed no face to the driver's extraction, sent as
    /// a byte-identical copy instead (a faceless photo is refused with NO_FACE).
    public var facelessVariantsReplaced = 0
    /// Fixture rounds skipped because the driver found no face in them.
    public var facelessPhotosSkipped = 0
    /// Distinct images the driver extracted, and the seconds it took.
    public var imagesExtracted = 0
    public var extractionSeconds = 0.0

    public struct Entry: Sendable {
        /// The unique photo this is, or is a variant of (index into the unique photos).
        public var family: Int
        /// The fixture file it comes from (relative to the fixtures folder).
        public var source: String
        /// Its shot: the first fixture of the group of near-duplicate fixtures it
        /// belongs to (usually `source` itself). A repost may collapse within its shot.
        public var shot: String
        /// `original`, or the variant kind of a repost (`copy`, `jpeg70`, …).
        public var kind: String
        /// What the coordinator computes for it: SHA-256 and perceptual hash.
        public var fingerprint: PhotoFingerprint
    }
}

/// What a `photo-surge` run adds to its report (`summary.json` key `photo_surge`).
public struct PhotoSurgeSummary: Codable, Sendable {
    /// Unique photos in the workload (each sent once as an original) and variants of them (reposts).
    public var uniquePhotos = 0
    public var variants = 0
    /// Acknowledged submissions the coordinator extracted (no `repost_of`), and
    /// those it recognised as reposts.
    public var extracted = 0
    public var collapsed = 0
    /// Extracted submissions per second, first to last acknowledgement.
    public var extractedPerSecond = 0.0
    public var kinds: [Kind] = []
    /// Reposts that name an original of another fixture (not of their shot), or one neither
    /// byte-identical nor within 31 bits of them.
    public var wrongCollapses = 0
    /// Extracted submissions that were byte-identical to, or within 31 bits of,
    /// another extracted one: the detector should have collapsed them.
    public var missedCollapses = 0
    /// Expected alerts: pairs the reference accepts with the face threshold 0.002
    /// higher; borderline: accepted only with it 0.002 lower (either way is right).
    public var expectedAlerts = 0
    public var borderlineAlerts = 0
    public var facelessVariantsReplaced = 0
    public var facelessPhotosSkipped = 0
    public var driverImagesExtracted = 0
    public var driverExtractionSeconds = 0.0
    /// One line a submission for `photos.csv` (not in summary.json).
    public var csvRows: [String] = []
    public static let csvHeader = "index,sighting_id,repost_of,repost_of_index,source,shot,kind,family,sha256,quality,phash,check"

    public struct Kind: Codable, Sendable {
        public var kind: String
        public var submitted = 0
        public var collapsed = 0
        public var extracted = 0
        /// Byte-identical to, or within 31 bits of, its unique photo (the driver's own hashes).
        public var withinReach = 0

        enum CodingKeys: String, CodingKey {
            case kind, submitted, collapsed, extracted
            case withinReach = "within_31_bits_of_original"
        }
    }

    public var problems: [String] {
        var out: [String] = []
        if wrongCollapses > 0 { out.append("\(wrongCollapses) reposts collapsed onto the wrong photo") }
        if missedCollapses > 0 { out.append("\(missedCollapses) near-duplicate photos extracted twice") }
        return out
    }

    enum CodingKeys: String, CodingKey {
        case kinds, extracted, collapsed, variants
        case uniquePhotos = "unique_photos"
        case extractedPerSecond = "extracted_per_s"
        case wrongCollapses = "wrong_collapses"
        case missedCollapses = "missed_collapses"
        case expectedAlerts = "expected_alerts"
        case borderlineAlerts = "borderline_alerts"
        case facelessVariantsReplaced = "faceless_variants_replaced"
        case facelessPhotosSkipped = "faceless_photos_skipped"
        case driverImagesExtracted = "driver_images_extracted"
        case driverExtractionSeconds = "driver_extraction_s"
    }
}

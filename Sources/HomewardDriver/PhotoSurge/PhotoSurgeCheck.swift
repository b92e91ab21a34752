import ClusterCore
import PhotoPipeline
import Workload

/// Checks a `photo-surge` run against what is knowable exactly, whatever order
/// the cluster took the photos in (retries and back-pressure reorder them):
///
/// - repost collapse: every `repost_of` names a submission of the same fixture
///   (or of a fixture of the same shot: `PhotoFixtures.Source.shot`) that is
///   byte-identical or within 31 bits (both hashes of quality ≥ 50);
///   no two extracted submissions are byte-identical or within 31 bits;
/// - alerts: the matching contract's reference over the driver's own
///   embeddings, for the submissions the cluster extracted (a collapsed repost
///   makes no alert). Pairs within 0.002 of the face threshold may go either
///   way (the workers' floats can differ from the driver's in the last bits).
///
/// The reference runs over the photo cases only. The generated cases'
/// embeddings are random unit vectors: the dot product of one with a fixed
/// unit vector in 128 dimensions is about normal with σ = 1/√128, so reaching
/// 0.9 is a 10σ event (~10⁻²⁴ a pair, ~10⁻¹⁵ over a full run). Scoring them all
/// would take the full form minutes of plain loops for nothing; an alert for
/// one still counts as unexpected, since it is in neither set.
enum PhotoSurgeCheck {
    static let margin = 0.002

    static func apply(_ photo: PhotoSurgeWorkload, details d: RunDetails, config: ClusterConfig, to report: inout RunReport) throws {
        let w = photo.generated.workload
        var strictConfig = config, looseConfig = config
        strictConfig.matching.faceThreshold += margin
        looseConfig.matching.faceThreshold -= margin
        let photoCases = Set(photo.casePhotos.keys)
        let strict = try ContractReference.expectedAlerts(w, d, config: strictConfig, onlyCases: photoCases)
        let loose = try ContractReference.expectedAlerts(w, d, config: looseConfig, onlyCases: photoCases)
        let ackedSightings = Set(d.sightingIDs.values), ackedCases = Set(d.caseIDs.values)
        let found = d.alertPairs.filter { ackedSightings.contains($0.sightingID) && ackedCases.contains($0.caseID) }
        report.expectedMatches = strict.count
        report.foundMatches = strict.intersection(found).count
        report.missing = strict.subtracting(found).count
        report.unexpected = found.subtracting(loose).count
        report.unverified = d.alertPairs.count - found.count

        var s = PhotoSurgeSummary()
        s.uniquePhotos = photo.entries.filter { $0.kind == "original" }.count
        s.variants = photo.entries.count - s.uniquePhotos
        s.expectedAlerts = strict.count
        s.borderlineAlerts = loose.subtracting(strict).count
        s.facelessVariantsReplaced = photo.facelessVariantsReplaced
        s.facelessPhotosSkipped = photo.facelessPhotosSkipped
        s.driverImagesExtracted = photo.imagesExtracted
        s.driverExtractionSeconds = photo.extractionSeconds

        let indexByID = Dictionary(d.sightingIDs.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let originalOfFamily = Dictionary(photo.entries.indices.filter { photo.entries[$0].kind == "original" }
            .map { (photo.entries[$0].family, $0) }, uniquingKeysWith: { a, _ in a })
        var kinds: [String: PhotoSurgeSummary.Kind] = [:]
        var extracted: [Int] = []
        for (index, entry) in photo.entries.enumerated() {
            var k = kinds[entry.kind] ?? .init(kind: entry.kind)
            k.submitted += 1
            if let base = originalOfFamily[entry.family], near(entry.fingerprint, photo.entries[base].fingerprint) { k.withinReach += 1 }
            var row = (id: d.sightingIDs[index].map(String.init) ?? "", repostOf: "", repostIndex: "", check: "")
            if let id = d.sightingIDs[index] {
                if let original = d.repostOf[id] {
                    k.collapsed += 1
                    s.collapsed += 1
                    row.repostOf = String(original)
                    let j = indexByID[original]
                    row.repostIndex = j.map(String.init) ?? ""
                    if let j, photo.entries[j].shot == entry.shot, near(entry.fingerprint, photo.entries[j].fingerprint) {
                        row.check = "repost"
                    } else {
                        s.wrongCollapses += 1
                        row.check = j == nil ? "wrong: original not acknowledged in this run"
                            : photo.entries[j!].shot != entry.shot ? "wrong: another fixture" : "wrong: not within 31 bits"
                    }
                } else {
                    k.extracted += 1
                    s.extracted += 1
                    extracted.append(index)
                    row.check = "extracted"
                }
            } else {
                row.check = "not acknowledged"
            }
            kinds[entry.kind] = k
            let fp = entry.fingerprint
            s.csvRows.append([String(index), row.id, row.repostOf, row.repostIndex, entry.source, entry.shot, entry.kind, String(entry.family),
                              String(fp.sha256.hex.prefix(16)), String(fp.quality), fp.perceptual.hex, row.check].joined(separator: ","))
        }
        for a in extracted.indices {
            for b in extracted.index(after: a)..<extracted.endIndex
            where near(photo.entries[extracted[a]].fingerprint, photo.entries[extracted[b]].fingerprint) {
                s.missedCollapses += 1
                s.csvRows[extracted[b]] += " (within 31 bits of extracted \(extracted[a]))"
            }
        }
        let order = ["original", "copy"]
        s.kinds = kinds.values.sorted { (order.firstIndex(of: $0.kind) ?? 2, $0.kind) < (order.firstIndex(of: $1.kind) ?? 2, $1.kind) }
        s.extractedPerSecond = report.uniquePerSecond
        report.photoSurge = s
    }

    /// What the coordinator's repost detector calls the same photo.
    static func near(_ a: PhotoFingerprint, _ b: PhotoFingerprint) -> Bool {
        if a.sha256 == b.sha256 { return true }
        return a.quality >= 50 && b.quality >= 50 && a.perceptual.distance(to: b.perceptual) <= PerceptualHash.nearDuplicateDistance
    }
}

import Foundation

extension LoadTestReportFiles {
    /// The `photo-surge` part of report.md: extraction rate and repost collapse by variant kind.
    func photoSection(_ p: PhotoSurgeSummary) -> String {
        var md = """

            ## Photos

            | measure | value |
            |---|---:|
            | unique photos / variants of them submitted | \(p.uniquePhotos) / \(p.variants) |
            | extracted by the cluster (acknowledged without `repost_of`) | \(p.extracted) |
            | **unique photos extracted per second** | \(String(format: "%.1f", p.extractedPerSecond)) |
            | recognised as reposts | \(p.collapsed) |
            | reposts collapsed onto the wrong photo | \(p.wrongCollapses) |
            | near-duplicates extracted twice | \(p.missedCollapses) |
            | expected alerts (threshold + 0.002) / borderline (either way) | \(p.expectedAlerts) / \(p.borderlineAlerts) |
            | variants with no face for the driver, sent as copies | \(p.facelessVariantsReplaced) |
            | ground truth: images the driver extracted, seconds | \(p.driverImagesExtracted), \(String(format: "%.1f", p.driverExtractionSeconds)) |

            Repost collapse by kind (*within 31 bits*: the driver's own hash of the variant is byte-identical to
            or within 31 bits of its unique photo's, so the coordinator should collapse it when that photo came first):

            | kind | submitted | recognised as repost | extracted again | within 31 bits |
            |---|---:|---:|---:|---:|

            """
        for k in p.kinds {
            md += "| \(k.kind) | \(k.submitted) | \(k.collapsed) | \(k.extracted) | \(k.withinReach) |\n"
        }
        return md
    }
}

import Foundation
import ArgumentParser
import PhotoPipeline

/// `homeward bench photo`: face extraction cost per photo per core, perceptual
/// hash lookups over 1M stored hashes (multi-index vs linear scan), and face
/// extractions per unique photo in a simulated repost storm.
struct BenchPhoto: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "photo",
        abstract: "Photo pipeline: ms per photo, hash lookups/s over 1M hashes, extractions per unique photo in a repost storm.",
        discussion: """
            Needs the face models (run ops/setup) and the test photos in \
            Tests/PhotoPipelineTests/Fixtures (or --fixtures DIR). OpenBLAS is pinned to one \
            thread so that ms_per_photo is per core; times are the thread's CPU time \
            (wall-clock time is printed beside it), so other load on the machine does not inflate them.
            """
    )

    @Option(help: "Directory of test photos (searched recursively for .jpg/.jpeg/.png).")
    var fixtures = "Tests/PhotoPipelineTests/Fixtures"

    @Option(help: "Passes over the photos for ms_per_photo.")
    var rounds = 2

    @Option(help: "Stored hashes for the lookup benchmark.")
    var hashes = 1_000_000

    @Option(help: "Seed for generated hashes and storm order.")
    var seed: UInt64 = 42

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() async throws {
        // Extraction runs in this process: OpenBLAS must load with its core type set.
        OpenBLASCoreType.reexecIfUnset()
        FaceBLAS.setThreads(1)
        let photos = try PhotoBenchData.load(directory: fixtures)
        guard !photos.isEmpty else { throw ValidationError("no photos under \(fixtures)") }
        // The storm reposts street-photo-sized images; the 150 px aligned face
        // chips among the fixtures are left out of it (PDQ on a 75 px copy of a
        // 150 px chip can exceed 31 bits; docs/photo-pipeline.md).
        let decoder = PhotoDecoder()
        let stormPhotos = try photos.filter { photo in
            let image = try decoder.decode(photo)
            return max(image.width, image.height) >= 200
        }
        let extraction = try PhotoBenchExtraction.measure(photos: photos, rounds: rounds)
        let lookups = PhotoBenchLookup.measure(count: hashes, seed: seed)
        let storm = try PhotoBenchStorm.measure(photos: stormPhotos, seed: seed)
        // Extraction on every core (issue 16): 1 extractor, then one per core.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let expected = try await PhotoBenchScaling.reference(photos)
        var scaling: [PhotoBenchScaling.Result] = []
        for e in Set([1, cores]).sorted() {
            scaling.append(try await PhotoBenchScaling.measure(photos: photos, expected: expected, extractors: e, rounds: rounds))
        }
        let speedup = scaling.count > 1 ? scaling.last!.photosPerSecond / scaling[0].photosPerSecond : 1

        if json {
            let fields: [(String, String)] = [
                ("ms_per_photo", fmt(extraction.msPerPhoto)),
                ("ms_per_photo_wall", fmt(extraction.msPerPhotoWall)),
                ("ms_per_photo_decode", fmt(extraction.msDecode)),
                ("ms_per_photo_hash", fmt(extraction.msHash)),
                ("ms_per_face_chip", fmt(extraction.msPerChip)),
                ("photos", "\(photos.count)"),
                ("faces", "\(extraction.faces)"),
                ("hash_lookups_per_s", fmt(lookups.multiIndex16)),
                ("hash_lookups_per_s_multi_index_8bit", fmt(lookups.multiIndex8)),
                ("hash_lookups_per_s_linear", fmt(lookups.linear)),
                ("stored_hashes", "\(hashes)"),
                ("extractions_per_unique_photo", fmt(storm.extractionsPerUnique)),
                ("storm_submissions", "\(storm.submissions)"),
                ("storm_unique_photos", "\(storm.unique)"),
                ("storm_extractions", "\(storm.extractions)"),
                ("storm_reposts_per_s_identical", fmt(storm.identicalPerSecond)),
                ("sha256_mb_per_s", fmt(storm.sha256MBPerSecond)),
                ("storm_submissions_per_s_with_variants", fmt(storm.allPerSecond)),
                ("workloads", "[" + scaling.map {
                    "{\"workload\": \"extraction\", \"extractors\": \($0.extractors), \"photos_per_s\": \(fmt($0.photosPerSecond)), \"photos_checked\": \($0.checked), \"photos_mismatched\": \($0.mismatched), \"cores_used\": \(fmt($0.coresUsed))}"
                }.joined(separator: ", ") + "]"),
                ("extraction_speedup", fmt(speedup)),
                ("blas", "\"" + String(FaceBLAS.description.map { $0 == "\"" ? "'" : $0 }).split(separator: " ").joined(separator: " ") + "\""),
            ]
            print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        } else {
            print("BLAS: \(FaceBLAS.description)")
            print("photo pipeline over \(photos.count) photos (\(extraction.faces) faces), one core")
            print("  ms_per_photo (decode+detect+embed)   \(fmt(extraction.msPerPhoto))")
            print("    of which decode                    \(fmt(extraction.msDecode))")
            print("  wall-clock ms per photo              \(fmt(extraction.msPerPhotoWall))")
            print("  perceptual hash per photo (ms)       \(fmt(extraction.msHash))")
            print("  ms per 150 px face chip (~1 descriptor) \(fmt(extraction.msPerChip)) over \(extraction.chips)")
            print("hash lookups over \(hashes) stored hashes, ≤ 31 bits")
            print("  multi-index 16×16 bit (lookups/s)    \(fmt(lookups.multiIndex16))")
            print("  multi-index 32×8 bit (lookups/s)     \(fmt(lookups.multiIndex8))")
            print("  linear scan (lookups/s)              \(fmt(lookups.linear))")
            print("  speed-up multi-index 16 vs linear    \(fmt(lookups.multiIndex16 / lookups.linear))×")
            print("repost storm: \(storm.submissions) submissions of \(storm.unique) unique photos")
            print("  extractions_per_unique_photo         \(fmt(storm.extractionsPerUnique))")
            print("  extractions                          \(storm.extractions)")
            print("  variants not collapsed, by kind      \(storm.missedByKind.sorted { $0.key < $1.key })")
            print("  identical reposts/s (SHA-256 path)   \(fmt(storm.identicalPerSecond))")
            print("  SHA-256 MB/s                         \(fmt(storm.sha256MBPerSecond))")
            print("  all submissions/s (with variants)    \(fmt(storm.allPerSecond))")
            print("extraction on \(cores) cores: photos/s by extractors (faces checked against a one-at-a-time pass)")
            for r in scaling {
                print("  \(r.extractors) extractor(s)                       \(fmt(r.photosPerSecond))  (\(r.checked - r.mismatched) of \(r.checked) photos as the reference; \(fmt(r.coresUsed)) cores used)")
            }
            print("  speed-up                             \(fmt(speedup))×")
        }
    }

    private func fmt(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return "\(rounded)"
    }
}

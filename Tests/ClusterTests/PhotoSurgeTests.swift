import ClusterCore
import Foundation
import GeoIndex
@testable import HomewardDriver
import PhotoPipeline
import Testing
import Workload

/// The parts of the `photo-surge` load test that need no cluster: the photo
/// variants it sends and the repost-collapse check it holds a run to.
@Suite struct PhotoSurgeTests {
    static let obama = TestCluster.packageRoot.appendingPathComponent("Tests/PhotoPipelineTests/Fixtures/face_recognition/obama/obama1.jpg")

    @Test func variantNamesParseAndPrintBack() throws {
        for name in ["copy", "jpeg70", "jpeg40", "resize75", "resize50", "crop1", "crop5", "mirror"] {
            #expect(try PhotoVariant(parsing: name).description == name)
        }
        for bad in ["jpeg0", "jpeg101", "resize100", "crop30", "blur", "", "Copy"] {
            #expect(throws: PhotoVariant.UnknownKind.self) { try PhotoVariant(parsing: bad) }
        }
    }

    /// What a repost does to a photo: a copy is the same bytes, the others are
    /// new bytes of the stated size, made the same way every time; re-encodes and
    /// resizes stay within 31 bits of the photo's perceptual hash (collapsed as
    /// reposts), a 5% crop and a mirror image do not (docs/photo-pipeline.md).
    @Test func variantsOfAFixturePhoto() throws {
        let photo = PhotoBytes([UInt8](try Data(contentsOf: Self.obama)))
        let decoder = PhotoDecoder()
        let image = try decoder.decode(photo)
        let hash = PerceptualHasher.hash(image).hash
        #expect(try PhotoVariant.copy.apply(to: photo) == photo)
        for (name, nearDuplicate) in [("jpeg70", true), ("jpeg40", true), ("resize75", true), ("resize50", true), ("crop5", false), ("mirror", false)] {
            let kind = try PhotoVariant(parsing: name)
            let variant = try kind.apply(to: photo)
            #expect(variant != photo, "\(name)")
            #expect(try kind.apply(to: photo) == variant, "\(name) is deterministic")
            let decoded = try decoder.decode(variant)
            switch kind {
            case .resize(let p): #expect(decoded.width == image.width * p / 100 && decoded.height == image.height * p / 100)
            case .crop(let p): #expect(decoded.width == image.width - 2 * (image.width * p / 100))
            default: #expect(decoded.width == image.width && decoded.height == image.height, "\(name)")
            }
            let distance = PerceptualHasher.hash(decoded).hash.distance(to: hash)
            #expect((distance <= PerceptualHash.nearDuplicateDistance) == nearDuplicate, "\(name): \(distance) bits")
        }
        // Later rounds of one fixture are new photos, far from the fixture and from each other.
        let rounds = try (1...4).map { PerceptualHasher.hash(try decoder.decode(try PhotoVariant.round($0, of: photo))).hash }
        for (i, r) in rounds.enumerated() {
            #expect(r.distance(to: hash) > PerceptualHash.nearDuplicateDistance, "round \(i + 1)")
        }
    }

    // MARK: the collapse check, on hand-made runs

    static func fingerprint(_ sha: UInt64, _ hash: PerceptualHash, quality: Int = 100) -> PhotoFingerprint {
        PhotoFingerprint(sha256: ByteDigest(w0: sha, w1: 0, w2: 0, w3: 0), perceptual: hash, quality: quality)
    }

    /// Four unique photos (two fixtures) and their variants; sighting ids are index + 1.
    static func workload() throws -> PhotoSurgeWorkload {
        let place = WeightedPlace(point: GeoPoint(latitude: 23.1, longitude: 113.3), province: "440000", weight: 1)
        var spec = WorkloadSpec()
        spec.initialCases = 1
        spec.now = 1_796_000_000
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let scenario = try decoder.decode(Scenario.self, from: Data("""
            {"name": "t", "description": "", "seed": 3, "cases": 1,
             "phases": [{"name": "p", "seconds": 0.06, "unique_per_s": 100, "true_fraction": 0}],
             "short": {"cases": 1, "time_scale": 1}}
            """.utf8))
        let generated = try ScenarioGenerator(scenario: scenario, base: WorkloadGenerator(spec: spec, places: [place]), cities: [:]).generate()
        #expect(generated.workload.sightings.count == 6)
        let a = PerceptualHash(0x0123_4567_89ab_cdef, 0, 0xffff_0000_ffff_0000, 0)
        let b = PerceptualHash(0, 0x0f0f_0f0f_0f0f_0f0f, 0, 0xaaaa_aaaa_5555_5555)
        var aNear = a
        for bit in [3, 70, 140] { aNear.setBit(bit) }                // 3 bits from a, if they were clear
        var aFar = a
        for bit in 0..<40 where !a.bit(bit + 64) { aFar.setBit(bit + 64) }
        let entries: [PhotoSurgeWorkload.Entry] = [
            .init(family: 0, source: "A.jpg", shot: "A.jpg", kind: "original", fingerprint: fingerprint(1, a)),
            .init(family: 0, source: "A.jpg", shot: "A.jpg", kind: "copy", fingerprint: fingerprint(1, a)),
            .init(family: 0, source: "A.jpg", shot: "A.jpg", kind: "jpeg70", fingerprint: fingerprint(2, aNear)),
            .init(family: 0, source: "A.jpg", shot: "A.jpg", kind: "mirror", fingerprint: fingerprint(3, aFar)),
            .init(family: 1, source: "B.jpg", shot: "B.jpg", kind: "original", fingerprint: fingerprint(4, b)),
            .init(family: 1, source: "B.jpg", shot: "B.jpg", kind: "jpeg70", fingerprint: fingerprint(5, b, quality: 20)),
        ]
        return PhotoSurgeWorkload(generated: generated, sightingPhotos: Array(repeating: PhotoBytes([]), count: 6), casePhotos: [:], entries: entries)
    }

    static func check(repostOf: [UInt64: UInt64]) throws -> PhotoSurgeSummary {
        let photo = try workload()
        let details = RunDetails(caseIDs: [:], sightingIDs: Dictionary(uniqueKeysWithValues: (0..<6).map { ($0, UInt64($0 + 1)) }),
                                 alertPairs: [], alertTopics: [:], repostOf: repostOf)
        var report = RunReport(cases: 0, sightingsOffered: 6, offeredPerSecond: 0, sightingsAcknowledged: 6, uniquePerSecond: 0,
                               reposts: repostOf.count, ackP50Ms: 0, ackP99Ms: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0, alertsReceived: 0,
                               expectedMatches: 0, foundMatches: 0, missing: 0, unexpected: 0, duplicates: 0, caughtUp: 0,
                               unanswered: 0, errors: [:])
        let config = try ClusterConfig.load(path: TestCluster.packageRoot.appendingPathComponent("cluster-config/local.json").path)
        try PhotoSurgeCheck.apply(photo, details: details, config: config, to: &report)
        return try #require(report.photoSurge)
    }

    @Test func aCorrectCollapseIsNoProblem() throws {
        // The copy and the near re-encode collapse onto A; the mirror and B's
        // low-quality re-encode (matched by bytes only) are extracted.
        let s = try Self.check(repostOf: [2: 1, 3: 1])
        #expect(s.wrongCollapses == 0 && s.missedCollapses == 0 && s.problems.isEmpty)
        #expect(s.collapsed == 2 && s.extracted == 4)
        #expect(s.kinds.first { $0.kind == "jpeg70" }.map { ($0.submitted, $0.collapsed, $0.extracted, $0.withinReach) } ?? (0, 0, 0, 0) == (2, 1, 1, 1))
    }

    @Test func collapsesOntoAnotherFixtureOrAFarPhotoAreWrong() throws {
        let s = try Self.check(repostOf: [2: 1, 3: 5, 4: 1])    // jpeg70 of A onto B; mirror of A onto A, 40 bits away
        #expect(s.wrongCollapses == 2)
        #expect(s.csvRows[2].hasSuffix("wrong: another fixture") && s.csvRows[3].hasSuffix("wrong: not within 31 bits"))
    }

    @Test func nearDuplicatesExtractedTwiceAreMissedCollapses() throws {
        // Nothing collapsed: the copy (same bytes) and the near re-encode were both extracted beside A.
        let s = try Self.check(repostOf: [:])
        #expect(s.missedCollapses == 3)   // (A, copy), (A, jpeg70), (copy, jpeg70)
        #expect(!s.problems.isEmpty)
    }
}

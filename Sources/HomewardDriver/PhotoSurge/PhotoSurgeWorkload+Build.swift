import ClusterCore
import Foundation
import HomewardBasics
import MatchEngine
import PhotoPipeline
import Workload

extension PhotoSurgeWorkload {
    /// Puts real photos on `generated`'s schedule: the first cases become one
    /// case per fixture identity, each unique sighting gets a photo of its own
    /// (placed, with probability `photos.trueFraction`, as a true re-sighting of
    /// its identity's case: inside its reach, compatible sex, age and marks),
    /// and each repost a variant of its source's photo, cycling through
    /// `photos.variants` per photo from a place of its own.
    public static func build(from generated: ScenarioWorkload, photos: Scenario.Photos, base: WorkloadGenerator, seed: UInt64,
                             log: @Sendable (String) -> Void = { print($0) }) async throws -> PhotoSurgeWorkload {
        let fixtures = try PhotoFixtures(directory: photos.fixtures)
        let kinds = try photos.variants.map(PhotoVariant.init(parsing:))
        var w = generated.workload
        guard w.spec.initialCases >= fixtures.identities.count else {
            throw PhotoFixtures.Missing(description: "the scenario needs at least \(fixtures.identities.count) cases (one per fixture identity)")
        }
        let extractor = try DriverExtraction()
        let started = ContinuousClock.now
        var rng = SeededGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)

        // Cases: one per identity, registered with its first photo.
        let caseFaces = try await extractor.faces(fixtures.identities.map(\.casePhoto))
        var casePhotos: [Int: PhotoBytes] = [:]
        var caseOfIdentity: [String: Int] = [:]
        for (c, identity) in fixtures.identities.enumerated() {
            guard let best = caseFaces[c].first else {
                throw PhotoFixtures.Missing(description: "no face found in the case photo of \(identity.name)")
            }
            w.cases[c].features.embeddings = [best]
            casePhotos[c] = identity.casePhoto
            caseOfIdentity[identity.name] = c
        }

        // Unique photos: fixtures in a seeded order, then further rounds of each.
        let uniques = w.sightings.indices.filter { if case .repost = w.sightings[$0].truth { false } else { true } }
        var families: [(source: PhotoFixtures.Source, photo: PhotoBytes, faces: [[Float]])] = []
        var skipped = 0
        var round = 0
        while families.count < uniques.count {
            var order = Array(fixtures.sources.indices)
            order.shuffle(using: &rng)
            let need = min(order.count, uniques.count - families.count + 4)
            let picked = order.prefix(need).map { fixtures.sources[$0] }
            let photosOfRound = try picked.map { round == 0 ? $0.photo : try PhotoVariant.round(round, of: $0.photo) }
            let faces = try await extractor.faces(photosOfRound)
            for (i, source) in picked.enumerated() where families.count < uniques.count {
                if faces[i].isEmpty { skipped += 1; continue }
                families.append((source, photosOfRound[i], faces[i]))
            }
            round += 1
            if round > 100 { throw PhotoFixtures.Missing(description: "too few fixture photos with a face for \(uniques.count) unique photos") }
        }

        var familyOf: [Int: Int] = [:]
        var photosOut = Array(repeating: PhotoBytes([]), count: w.sightings.count)
        var kindOf = Array(repeating: "original", count: w.sightings.count)
        for (f, index) in uniques.enumerated() {
            familyOf[index] = f
            photosOut[index] = families[f].photo
            var s = w.sightings[index]
            if let identity = families[f].source.identity, let c = caseOfIdentity[identity], rng.unit() < photos.trueFraction {
                var placed = base.makeResighting(of: w.cases[c], caseIndex: c, identity: w.cases[c].features.embeddings[0], rng: &rng,
                                                 submittedAt: s.features.observedAt)
                placed.features.id = s.features.id
                s = placed
            }
            // The driver's reference decides which cases this photo matches, not the generator.
            s.truth = .unrelated
            s.features.embeddings = families[f].faces
            w.sightings[index] = s
        }

        // Reposts: variants of their source's photo.
        var used = Array(repeating: 0, count: families.count)
        var variantIndices: [Int] = []
        for index in w.sightings.indices {
            guard case .repost(let source) = w.sightings[index].truth, let f = familyOf[source] else { continue }
            // Each photo starts the cycle at its own place, so every kind gets used.
            let kind = kinds[(f + used[f]) % kinds.count]
            used[f] += 1
            familyOf[index] = f
            kindOf[index] = kind.description
            photosOut[index] = try kind.apply(to: families[f].photo)
            var s = w.sightings[source]
            s.truth = .repost(of: source)
            s.features.id = w.sightings[index].features.id
            w.sightings[index] = s
            variantIndices.append(index)
        }
        // Extract each distinct variant once; a faceless one is sent as a copy instead.
        var distinct: [ByteDigest: Int] = [:]
        var distinctPhotos: [PhotoBytes] = []
        for index in variantIndices where kindOf[index] != "copy" {
            let d = PhotoFingerprint.digest(of: photosOut[index])
            if distinct[d] == nil { distinct[d] = distinctPhotos.count; distinctPhotos.append(photosOut[index]) }
        }
        let variantFaces = try await extractor.faces(distinctPhotos)
        var replaced = 0
        for index in variantIndices {
            let f = familyOf[index]!
            if kindOf[index] == "copy" { w.sightings[index].features.embeddings = families[f].faces; continue }
            let faces = variantFaces[distinct[PhotoFingerprint.digest(of: photosOut[index])]!]
            if faces.isEmpty {
                replaced += 1
                photosOut[index] = families[f].photo
                kindOf[index] = "copy"
                w.sightings[index].features.embeddings = families[f].faces
            } else {
                w.sightings[index].features.embeddings = faces
            }
        }

        // What the coordinator will compute for each photo (same decoder and hasher).
        let decoder = PhotoDecoder()
        var entries: [Entry] = []
        entries.reserveCapacity(w.sightings.count)
        var fingerprints: [ByteDigest: PhotoFingerprint] = [:]
        for index in w.sightings.indices {
            let d = PhotoFingerprint.digest(of: photosOut[index])
            let fp: PhotoFingerprint
            if let known = fingerprints[d] { fp = known } else {
                fp = PhotoFingerprint.make(photosOut[index], image: try decoder.decode(photosOut[index]))
                fingerprints[d] = fp
            }
            let f = familyOf[index]!
            entries.append(Entry(family: f, source: families[f].source.path, shot: families[f].source.shot, kind: kindOf[index], fingerprint: fp))
        }

        var withPhotos = generated
        withPhotos.workload = w
        var out = PhotoSurgeWorkload(generated: withPhotos,
                                     sightingPhotos: photosOut, casePhotos: casePhotos, entries: entries)
        out.facelessVariantsReplaced = replaced
        out.facelessPhotosSkipped = skipped
        out.imagesExtracted = extractor.extracted
        out.extractionSeconds = (ContinuousClock.now - started).seconds
        log("photos: \(fixtures.identities.count) photo cases, \(families.count) unique photos from \(fixtures.sources.count) fixtures "
            + "(\(round) rounds), \(variantIndices.count) variants; driver extracted \(out.imagesExtracted) images in "
            + String(format: "%.1f s", out.extractionSeconds) + " (ground truth)")
        return out
    }
}

extension PhotoSurgeWorkload {
    /// Marks every photo the reference matches with a case (threshold plus
    /// the margin) as a true re-sighting of it, variants included, so the run
    /// waits for those alerts before it stops (one acknowledged as a repost is
    /// not waited for); the verdict itself comes from `PhotoSurgeCheck` afterwards.
    public mutating func markExpectedAlerts(config: ClusterConfig) throws {
        var w = generated.workload
        let d = RunDetails(caseIDs: Dictionary(uniqueKeysWithValues: w.cases.indices.map { ($0, UInt64($0 + 1)) }),
                           sightingIDs: Dictionary(uniqueKeysWithValues: w.sightings.indices.map { ($0, UInt64($0 + 1)) }),
                           alertPairs: [], alertTopics: [:], repostOf: [:])
        var strict = config
        strict.matching.faceThreshold += PhotoSurgeCheck.margin
        for pair in try ContractReference.expectedAlerts(w, d, config: strict, onlyCases: Set(casePhotos.keys)) {
            w.sightings[Int(pair.sightingID) - 1].truth = .resighting(caseIndex: Int(pair.caseID) - 1)
        }
        generated.workload = w
    }
}

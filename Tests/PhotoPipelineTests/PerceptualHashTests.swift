import PhotoPipeline
import Testing

@Suite struct PerceptualHashTests {
    let decoder = PhotoDecoder()
    /// Full photos (not the aligned chips), all different shots.
    static let photos: [Fixture] = Fixtures.singleFace.filter { !$0.path.hasPrefix("dlib-johns") } + Fixtures.multi
        + [Fixtures.baldGuys, Fixtures.dogs]

    func hash(_ image: DecodedImage) -> PerceptualHasher.Result { PerceptualHasher.hash(image) }

    @Test func reEncodedResizedAndCroppedCopiesAreNearDuplicates() throws {
        for fixture in Self.photos.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
            let image = try decoder.decode(fixture.bytes())
            let original = hash(image)
            #expect(original.quality >= 50, "\(fixture) quality \(original.quality)")
            // PDQ tolerates little cropping: 0.5% off each side stays within
            // 18 bits on these photos, 1% reaches 34 (docs/photo-pipeline.md).
            let dx = max(1, image.width / 200), dy = max(1, image.height / 200)
            let variants: [(String, DecodedImage)] = [
                ("re-encoded q50", try decoder.decode(image.jpegEncoded(quality: 50))),
                ("resized 50%", try decoder.decode(image.resized(width: image.width / 2, height: image.height / 2).jpegEncoded(quality: 85))),
                ("cropped 0.5% each side", try decoder.decode(image.cropped(x: dx, y: dy, width: image.width - 2 * dx, height: image.height - 2 * dy).jpegEncoded(quality: 85))),
            ]
            for (name, variant) in variants {
                let d = hash(variant).hash.distance(to: original.hash)
                #expect(d <= PerceptualHash.nearDuplicateDistance, "\(fixture) \(name): distance \(d)")
            }
        }
    }

    /// All pairs of different photos are far apart, except the one pair of
    /// fixtures that is the same shot: face_recognition's `32bit.png` test
    /// image is `obama2.jpg` saved as RGBA PNG (found by this test).
    @Test func differentPhotosAreNotNearDuplicates() throws {
        let hashes = try Self.photos.map { try hash(decoder.decode($0.bytes())).hash }
        let sameShot: Set<String> = ["face_recognition/obama/32bit_rgba.png", "face_recognition/obama/obama2.jpg"]
        var nearPairs: [Set<String>] = []
        for i in 0..<hashes.count {
            for j in (i + 1)..<hashes.count where hashes[i].distance(to: hashes[j]) <= PerceptualHash.nearDuplicateDistance {
                nearPairs.append([Self.photos[i].path, Self.photos[j].path])
            }
        }
        #expect(nearPairs == [sameShot])
    }

    /// A flat image carries no structure: quality 0, so matching ignores its hash.
    @Test func flatImageHasLowQuality() {
        let flat = DecodedImage(width: 100, height: 80, rgb: Array(repeating: 128, count: 100 * 80 * 3))
        #expect(hash(flat).quality == 0)
    }

    @Test func hashHasHalfItsBitsSet() throws {
        for fixture in Self.photos.prefix(8) {
            let h = hash(try decoder.decode(fixture.bytes())).hash
            let ones = h.w0.nonzeroBitCount + h.w1.nonzeroBitCount + h.w2.nonzeroBitCount + h.w3.nonzeroBitCount
            #expect(ones == 128, "\(fixture)")
        }
    }

    @Test func distanceCountsDifferingBits() {
        var rng = SplitMix(seed: 9)
        for _ in 0..<200 {
            let a = PerceptualHash(rng.next(), rng.next(), rng.next(), rng.next())
            let b = PerceptualHash(rng.next(), rng.next(), rng.next(), rng.next())
            let slow = (0..<256).filter { a.bit($0) != b.bit($0) }.count
            #expect(a.distance(to: b) == slow)
        }
    }
}

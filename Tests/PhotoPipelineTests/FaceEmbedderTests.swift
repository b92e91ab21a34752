import PhotoPipeline
import Testing

@Suite struct FaceEmbedderTests {
    @Test func everySingleFacePhotoGivesOneFace() throws {
        let faces = try FixtureFaces.get()
        #expect(Fixtures.singleFace.count == 69)
        for fixture in Fixtures.singleFace {
            #expect(faces[fixture]?.count == 1, "\(fixture)")
        }
    }

    @Test func multiPhotosGiveTwoFacesEach() throws {
        let faces = try FixtureFaces.get()
        for fixture in Fixtures.multi {
            #expect(faces[fixture]?.count == 2, "\(fixture)")
        }
    }

    @Test func dogsGiveNoFace() throws {
        #expect(try FixtureFaces.get()[Fixtures.dogs]?.count == 0)
    }

    @Test func embeddingsAreUnitLength() throws {
        for (_, list) in try FixtureFaces.get() {
            for face in list { #expect(abs(face.embedding.dot(face.embedding) - 1) < 1e-4) }
        }
    }

    /// 24 faces; grouping them at the calibrated threshold gives 4 people × 6.
    @Test func baldGuysGroupIntoFourIdentitiesOfSix() throws {
        let faces = try #require(try FixtureFaces.get()[Fixtures.baldGuys])
        #expect(faces.count == 24)
        let clusters = FaceClustering.chineseWhispers(faces.map(\.embedding), threshold: FaceMatchThreshold.dlibResNetV1)
        #expect(clusters.map(\.count).sorted() == [6, 6, 6, 6], "\(clusters)")
    }

    /// Among all single-face photos, every photo's most similar other photo is
    /// of the same person.
    @Test func nearestNeighbourIsSameIdentity() throws {
        let faces = try FixtureFaces.get()
        let labelled = Fixtures.singleFace.compactMap { f in faces[f]?.first.map { (f, $0.embedding) } }
        #expect(labelled.count == Fixtures.singleFace.count)
        for (fixture, embedding) in labelled {
            let nearest = labelled.filter { $0.0 != fixture }.max { embedding.dot($0.1) < embedding.dot($1.1) }
            #expect(nearest?.0.identity == fixture.identity, "\(fixture) nearest to \(nearest?.0.description ?? "-")")
        }
    }

    /// Each face of the multi-person photos is nearest to its own person's folder.
    @Test func multiFacesMatchTheirPeople() throws {
        let faces = try FixtureFaces.get()
        let expected: [String: Set<String>] = [
            "face_recognition/multi/kit_with_rose.jpg": ["face_recognition/kit_harington", "face_recognition/rose_leslie"],
            "face_recognition/multi/two_people.jpg": ["face_recognition/obama", "face_recognition/biden"],
        ]
        let labelled = Fixtures.singleFace.compactMap { f in faces[f]?.first.map { (f.identity!, $0.embedding) } }
        for fixture in Fixtures.multi {
            let found = Set((faces[fixture] ?? []).compactMap { face in
                labelled.max { face.embedding.dot($0.1) < face.embedding.dot($1.1) }?.0
            })
            #expect(found == expected[fixture.path], "\(fixture)")
        }
    }

    /// A phone photo stored sideways with EXIF orientation 6 is turned upright
    /// before detection; without the tag the same pixels show no face.
    @Test func exifRotatedPhotoStillGivesItsFace() throws {
        let embedder = try DlibFaceEmbedder()
        let source = Fixture(path: "face_recognition/obama/obama.jpg", identity: "face_recognition/obama")
        let upright = try embedder.decoder.decode(source.bytes())
        let reference = try #require(try embedder.faces(in: upright).first)
        // Stored pixels: upright rotated 90° counter-clockwise; tag 6 says "rotate clockwise to show".
        let sideways = upright.oriented(.left).jpegEncoded(quality: 95)
        #expect(try embedder.faces(in: sideways).isEmpty)
        let tagged = ExifTestData.withOrientation(sideways, .right)
        let faces = try embedder.faces(in: tagged)
        #expect(faces.count == 1)
        #expect((faces.first?.embedding.dot(reference.embedding) ?? 0) > 0.95)
    }

    @Test func maxFacesKeepsTheMostConfident() throws {
        let embedder = try DlibFaceEmbedder(limits: PhotoLimits(maxFaces: 5))
        let faces = try embedder.faces(in: Fixtures.baldGuys.bytes())
        #expect(faces.count == 5)
        #expect(faces.map(\.detectionScore) == faces.map(\.detectionScore).sorted(by: >))
    }
}

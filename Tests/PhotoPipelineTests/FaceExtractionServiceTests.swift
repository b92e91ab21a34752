import PhotoPipeline
import Testing

@Suite struct FaceExtractionServiceTests {
    @Test func poolSpreadsWorkAndMatchesDirectExtraction() async throws {
        let pool = FaceExtractionPool(services: [
            try FaceExtractionService(make: { FakeFaceEmbedder(facesPerPhoto: 2) }),
            try FaceExtractionService(make: { FakeFaceEmbedder(facesPerPhoto: 2) }),
        ])
        let photos = Fixtures.singleFace.filter { $0.path.hasPrefix("dlib-johns") }.prefix(12).map { $0.bytes() }
        let direct = try photos.map { try FakeFaceEmbedder(facesPerPhoto: 2).faces(in: $0) }
        let pooled = try await withThrowingTaskGroup(of: (Int, [DetectedFace]).self) { group in
            for (i, photo) in photos.enumerated() { group.addTask { (i, try await pool.faces(in: photo)) } }
            var out = Array(repeating: [DetectedFace](), count: photos.count)
            for try await (i, faces) in group { out[i] = faces }
            return out
        }
        #expect(pooled == direct)
        var total = 0
        for service in pool.services { total += await service.extractions }
        #expect(total == photos.count)
    }

    @Test func realServiceExtractsFaces() async throws {
        let service = try FaceExtractionService()
        let faces = try await service.faces(in: Fixture(path: "face_recognition/biden/biden.jpg", identity: nil).bytes())
        #expect(faces.count == 1)
    }

    @Test func fakeEmbedderIsDeterministicPerPhoto() throws {
        let fake = FakeFaceEmbedder()
        let a = Fixture(path: "face_recognition/biden/biden.jpg", identity: nil).bytes()
        let b = Fixture(path: "face_recognition/obama/obama.jpg", identity: nil).bytes()
        #expect(try fake.faces(in: a) == fake.faces(in: a))
        #expect(try fake.faces(in: a).first!.embedding.dot(fake.faces(in: b).first!.embedding) < 0.5)
    }
}

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

    /// Two real dlib services, each on its own thread, run concurrently and
    /// give the same faces as the shared single-threaded extraction.
    @Test func realPoolMatchesDirectExtraction() async throws {
        let reference = try FixtureFaces.get()
        let pool = FaceExtractionPool(services: [try FaceExtractionService(), try FaceExtractionService()])
        let photos = Array(Fixtures.singleFace.filter { $0.path.hasPrefix("deepface") }.prefix(6)) + Fixtures.multi
        let pooled = try await withThrowingTaskGroup(of: (Fixture, [DetectedFace]).self) { group in
            for fixture in photos { group.addTask { (fixture, try await pool.faces(in: fixture.bytes())) } }
            var out: [Fixture: [DetectedFace]] = [:]
            for try await (fixture, faces) in group { out[fixture] = faces }
            return out
        }
        for fixture in photos {
            let a = try #require(pooled[fixture]), b = try #require(reference[fixture])
            #expect(a.count == b.count && a.map(\.box) == b.map(\.box), "\(fixture)")
            for (x, y) in zip(a, b) { #expect(x.embedding.dot(y.embedding) > 0.9999, "\(fixture)") }
        }
        var total = 0
        for service in pool.services { total += await service.extractions }
        #expect(total == photos.count)
    }

    @Test func fakeEmbedderIsDeterministicPerPhoto() throws {
        let fake = FakeFaceEmbedder()
        let a = Fixture(path: "face_recognition/biden/biden.jpg", identity: nil).bytes()
        let b = Fixture(path: "face_recognition/obama/obama.jpg", identity: nil).bytes()
        #expect(try fake.faces(in: a) == fake.faces(in: a))
        #expect(try fake.faces(in: a).first!.embedding.dot(fake.faces(in: b).first!.embedding) < 0.5)
    }
}

import Foundation
import HomewardClient
import HomewardProtocol
import Synchronization
import Testing

/// Photos end to end with the real dlib model on the workers: cases registered
/// from photos, a street photo of one of the same people, and its alert.
@Suite(.serialized) struct PhotoEndToEndTests {
    static let johns = TestCluster.packageRoot.appendingPathComponent("Tests/PhotoPipelineTests/Fixtures/dlib-johns")

    static func photo(_ person: String, _ file: String) throws -> Data {
        try Data(contentsOf: johns.appendingPathComponent(person).appendingPathComponent(file))
    }

    func register(_ client: HomewardClient, photos: [Data], name: String) async throws -> UInt64 {
        let now = Int64(Date().timeIntervalSince1970)
        let reply = try await client.call(HomewardClient.request { r in
            r.registerCase.personal.childName = name
            r.registerCase.personal.guardianContact = "test"
            r.registerCase.sex = .male
            r.registerCase.birthDate = (now - 10 * 365 * 86_400) / 86_400 * 86_400
            r.registerCase.missingSince = now - 30 * 86_400   // long missing: national reach
            r.registerCase.lastSeen.latitude = 39.90
            r.registerCase.lastSeen.longitude = 116.40
            r.registerCase.photos = photos.map { p in var f = Homeward_V1_FaceInput(); f.photo.data = p; return f }
        })
        #expect(reply.caseRegistered.photosAccepted == UInt32(photos.count))
        return reply.caseRegistered.caseID
    }

    func submit(_ client: HomewardClient, photo: Data) async throws -> Homeward_V1_SightingAccepted {
        try await client.call(HomewardClient.request { r in
            r.submitSighting.observedAt = Int64(Date().timeIntervalSince1970)
            r.submitSighting.location.latitude = 31.23   // Shanghai: another province
            r.submitSighting.location.longitude = 121.47
            var f = Homeward_V1_FaceInput()
            f.photo.data = photo
            r.submitSighting.faces = [f]
        }).sightingAccepted
    }

    @Test func casesFromPhotosAndAStreetPhotoOfTheSamePersonGiveItsAlert() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        final class Box: Sendable { let alerts = Mutex<[Homeward_V1_Alert]>([]) }
        let box = Box()
        let subscriber = try await AlertSubscriber(endpoint: tc.cluster.alertsEndpoint, curve: try tc.cluster.curve("desk")) { _, event in
            if case .alert(let a)? = event.event { box.alerts.withLock { $0.append(a) } }
        }
        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, timeoutMilliseconds: 60_000, curve: try tc.cluster.curve("intake"))
        try await Task.sleep(for: .milliseconds(300))

        let salley = try await register(client, photos: [Self.photo("John_Salley", "000179_02159509.jpg"), Self.photo("John_Salley", "000183_02159543.jpg")], name: "A")
        let savage = try await register(client, photos: [Self.photo("John_Savage", "000264_01099001.jpg")], name: "B")
        let schneider = try await register(client, photos: [Self.photo("John_Schneider", "000288_00925786.jpg")], name: "C")

        let street = try Self.photo("John_Salley", "000190_02159501.jpg")
        let first = try await submit(client, photo: street)
        #expect(first.facesAccepted == 1)
        #expect(!first.hasRepostOf)
        let repost = try await submit(client, photo: street)
        #expect(repost.repostOf == first.sightingID, "the same bytes again are a repost")

        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, !box.alerts.withLock({ $0.contains { $0.sightingID == first.sightingID } }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(500))
        let received = box.alerts.withLock { $0 }
        #expect(Set(received.filter { $0.sightingID == first.sightingID }.map(\.caseID)) == [salley], "logs in \(tc.runDirectory)")
        #expect(!received.contains { $0.caseID == savage || $0.caseID == schneider })
        #expect(!received.contains { $0.sightingID == repost.sightingID })
        await client.close()
        await subscriber.close()
    }
}

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
        let savage = try Self.photo("John_Savage", "000264_01099001.jpg")
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
        // Intake keys read nothing back (issue 13): a reviewer's key reads the sighting and catches up.
        let reader = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, timeoutMilliseconds: 60_000, curve: try tc.cluster.curve("reviewer"))

        let salley = try await register(client, photos: [Self.photo("John_Salley", "000179_02159509.jpg"), Self.photo("John_Salley", "000183_02159543.jpg")], name: "A")
        _ = try await register(client, photos: [Self.photo("John_Savage", "000264_01099001.jpg")], name: "B")
        _ = try await register(client, photos: [Self.photo("John_Schneider", "000288_00925786.jpg")], name: "C")

        let street = try Self.photo("John_Salley", "000190_02159501.jpg")
        let first = try await submit(client, photo: street)
        #expect(first.facesAccepted == 1)
        #expect(!first.hasRepostOf)
        let repost = try await submit(client, photo: street)
        #expect(repost.repostOf == first.sightingID, "the same bytes again are a repost")

        // The sighting's own status says when it is matched and which alerts it made
        // (stored with them in one transaction), so nothing here waits on the subscription.
        let shown = try await OperatorWorkflowTests.settled(first.sightingID, client: reader)
        #expect(shown.state == .matched, "\(shown); logs in \(tc.runDirectory)")
        var alerts: [String: Homeward_V1_Alert] = [:]
        for a in box.alerts.withLock({ $0 }) { alerts[a.alertID] = a }
        if !Set(shown.alertIds).isSubset(of: Set(alerts.keys)) {
            // Not delivered to the subscription yet (it may have joined after the
            // publication): the cases' topic (Beijing) stores every alert in order.
            let batch = try await reader.call(HomewardClient.request { r in
                r.alertCatchUp.province = "110000"
                r.alertCatchUp.fromSequence = 1
                r.alertCatchUp.maxCount = 1000
            }).alertBatch
            for e in batch.events { if case .alert(let a)? = e.event { alerts[a.alertID] = a } }
        }
        let found = shown.alertIds.compactMap { alerts[$0] }
        #expect(found.count == shown.alertIds.count, "every alert the status names was published; logs in \(tc.runDirectory)")
        #expect(Set(found.map(\.caseID)) == [salley], "only the same person's case; logs in \(tc.runDirectory)")
        #expect(Set(alerts.values.filter { $0.sightingID == first.sightingID }.map(\.alertID)).isSubset(of: Set(shown.alertIds)))

        // The repost was never matched itself: its status says so, not a quiet subscription.
        let repostShown = try await reader.call(HomewardClient.request { $0.showSighting.sightingID = repost.sightingID }).sightingShown
        #expect(repostShown.state == .repost && repostShown.repostOf == first.sightingID)
        #expect(repostShown.alertIds.isEmpty)
        #expect(!alerts.values.contains { $0.sightingID == repost.sightingID })
        await client.close()
        await reader.close()
        await subscriber.close()
    }

    static let faces = TestCluster.packageRoot.appendingPathComponent("Tests/PhotoPipelineTests/Fixtures/dlib-faces")

    /// Issue 12 items 1 and 2: a photo of no one is refused at once with NO_FACE
    /// (nothing stored); a case keeps its photos with a face and says which it
    /// skipped; a crowd photo (24 faces) is matched, not retried forever.
    @Test func aPhotoOfNoOneIsRefusedAtOnceAndACrowdPhotoIsMatched() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, timeoutMilliseconds: 60_000, curve: try tc.cluster.curve("intake"))
        // Intake keys read nothing back, not even status (issue 13).
        let admin = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, timeoutMilliseconds: 60_000, curve: try tc.cluster.curve("admin"))
        let dogs = try Data(contentsOf: Self.faces.appendingPathComponent("dogs.jpg"))
        let crowd = try Data(contentsOf: Self.faces.appendingPathComponent("bald_guys.jpg"))

        let started = ContinuousClock.now
        do {
            _ = try await submit(client, photo: dogs)
            Issue.record("a photo with no face was accepted")
        } catch let error as ClientError {
            guard case .rejected(let e) = error else { throw error }
            #expect(e.code == .noFace && e.field == "faces", "\(e)")
        }
        #expect(ContinuousClock.now - started < .seconds(15), "answered by the first extraction, not after retries")
        #expect(try await admin.call(HomewardClient.request { $0.status = .init() }).clusterStatus.sightings == 0, "nothing stored")

        let now = Int64(Date().timeIntervalSince1970)
        let savage = try Self.photo("John_Savage", "000264_01099001.jpg")
        let reply = try await client.call(HomewardClient.request { r in
            r.registerCase.personal.childName = "A"
            r.registerCase.personal.guardianContact = "test"
            r.registerCase.birthDate = (now - 10 * 365 * 86_400) / 86_400 * 86_400
            r.registerCase.missingSince = now - 30 * 86_400
            r.registerCase.lastSeen.latitude = 39.90
            r.registerCase.lastSeen.longitude = 116.40
            r.registerCase.photos = [savage, dogs].map { p in var f = Homeward_V1_FaceInput(); f.photo.data = p; return f }
        }).caseRegistered
        #expect(reply.photosAccepted == 1)
        #expect(reply.skippedPhotos.map { [Int($0.index), $0.reason.rawValue] } == [[1, Homeward_V1_SkippedPhoto.Reason.noFace.rawValue]])

        let accepted = try await submit(client, photo: crowd)
        #expect(accepted.facesAccepted > 16, "more faces than one match-request entry takes")
        var status = Homeward_V1_ClusterStatus()
        let deadline = ContinuousClock.now + .seconds(30)
        repeat {
            try await Task.sleep(for: .milliseconds(100))
            status = try await admin.call(HomewardClient.request { $0.status = .init() }).clusterStatus
        } while ContinuousClock.now < deadline && (status.intakeQueueDepth > 0 || status.workers.contains { $0.inFlight > 0 })
        #expect(status.intakeQueueDepth == 0 && !status.workers.contains { $0.inFlight > 0 })
        // Had a worker refused the request, the coordinator would have logged it unanswered when it left flight.
        let log = (try? String(contentsOfFile: tc.cluster.logPath("coordinator"), encoding: .utf8)) ?? ""
        #expect(!log.contains("match request unanswered"), "the crowd sighting's request was refused; logs in \(tc.runDirectory)")
        #expect(status.failedSightings == 0)
        await client.close()
        await admin.close()
    }
}

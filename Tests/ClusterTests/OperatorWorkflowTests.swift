import Foundation
import HomewardClient
import HomewardProtocol
import HomewardStore
import Synchronization
import Testing

/// What a user of a real cluster sees (issue 12, items 4, 5, 7 and 8): retried
/// requests answered once, a sighting's progress, reposts from client-sent
/// hashes, and `alerts tail` into a pipe.
@Suite(.serialized) struct OperatorWorkflowTests {
    static let now = Int64(Date().timeIntervalSince1970)

    static func embedding(_ seed: Int) -> [Float] { (0..<128).map { Float(sin(Double($0 * 7 + seed * 13))) } }

    static func request(_ id: String, _ fill: (inout Homeward_V1_Request) -> Void) -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = ClientCodec.protocolVersion
        r.requestID = id
        fill(&r)
        return r
    }

    /// A child missing an hour, last seen in Beijing, with the face of `seed`.
    static func registerCase(face seed: Int) -> Homeward_V1_RegisterCase {
        var register = Homeward_V1_RegisterCase()
        register.personal.childName = "Synthetic Child"
        register.personal.guardianContact = "+86 000 0000 0000"
        register.sex = .female
        register.birthDate = 1_577_836_800
        register.missingSince = now - 3600
        register.lastSeen.latitude = 39.95
        register.lastSeen.longitude = 116.30
        var face = Homeward_V1_FaceInput()
        face.embedding.values = embedding(seed)
        register.photos = [face]
        return register
    }

    /// A sighting in Beijing of the face of `seed`, with its photo's SHA-256 (and perceptual hash).
    static func sighting(face seed: Int, sha: UInt8, phash: [UInt8]? = nil) -> Homeward_V1_SubmitSighting {
        var s = Homeward_V1_SubmitSighting()
        s.observedAt = now - 60
        s.location.latitude = 39.96
        s.location.longitude = 116.31
        var f = Homeward_V1_FaceInput()
        f.embedding.values = embedding(seed)
        s.faces = [f]
        s.photoSha256 = Data(repeating: sha, count: 32)
        if let phash { s.photoPhash = Data(phash) }
        return s
    }

    /// A config for the CLI naming the endpoints the cluster really bound (the
    /// test cluster takes free ports), beside the test cluster's own config.
    static func cliConfig(_ tc: TestCluster) throws -> String {
        var config = tc.config
        config.coordinator.clientEndpoint = tc.cluster.clientEndpoint
        config.coordinator.alertsEndpoint = tc.cluster.alertsEndpoint
        let path = (tc.configPath as NSString).deletingLastPathComponent + "/cli.json"
        try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Polls ShowSighting until the sighting is no longer pending.
    static func settled(_ id: UInt64, client: HomewardClient) async throws -> Homeward_V1_SightingShown {
        for attempt in 0..<300 {
            let shown = try await client.call(request("show-\(id)-\(attempt)") { $0.showSighting.sightingID = id }).sightingShown
            if shown.state != .pending { return shown }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ClientError.badReply("sighting \(id) still pending after 30 s")
    }

    @Test func everyMutatingRequestRetriedWithItsIDIsAnsweredOnceAndStoredOnce() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let cli = try Self.cliConfig(tc)
        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("console"))   // every request but the worker protocol (issue 13)
        func twice(_ r: Homeward_V1_Request) async throws -> (Homeward_V1_Reply, Homeward_V1_Reply) {
            (try await client.call(r), try await client.call(r))
        }
        let register = Self.request("wf-case") { $0.registerCase = Self.registerCase(face: 1) }
        let (c1, c2) = try await twice(register)
        #expect(c1 == c2)
        let submit = Self.request("wf-sighting") { $0.submitSighting = Self.sighting(face: 1, sha: 1) }
        let (s1, s2) = try await twice(submit)
        #expect(s1 == s2)
        let matched = try await Self.settled(s1.sightingAccepted.sightingID, client: client)
        #expect(matched.state == .matched && matched.alertIds.count == 1, "\(matched); logs in \(tc.runDirectory)")
        let alertID = try #require(matched.alertIds.first)

        // The CLI's --request-id: the same review twice gives the same reply, one review, one audit row.
        let review = ["review", alertID, "--confirm", "--config", cli, "--request-id", "wf-review"]
        let r1 = try CLIRun.homeward(review), r2 = try CLIRun.homeward(review)
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr) \(r2.stderr)")
        #expect(r1.stdout == r2.stdout && r1.stdout.contains("CONFIRM"))
        let conflicting = try CLIRun.homeward(["review", alertID, "--reject", "--key", "console", "--reason", "other child",
                                               "--config", cli, "--request-id", "wf-review-2"])
        #expect(conflicting.status == 65 && conflicting.stderr.contains("ALREADY_EXISTS"), "\(conflicting.stderr)")

        let close = Self.request("wf-close") { $0.closeCase.caseID = c1.caseRegistered.caseID; $0.closeCase.outcome = .found }
        let (k1, k2) = try await twice(close)
        #expect(k1 == k2 && k1.caseClosed.caseID == c1.caseRegistered.caseID)

        let status = try await client.call(Self.request("wf-status") { $0.status = .init() }).clusterStatus
        #expect(status.sightings == 1 && status.openCases == 0 && status.closedCases == 1)
        let db = try SQLiteDatabase(path: tc.cluster.databasePath)
        defer { db.close() }
        let store = CoordinatorStore(db)
        #expect(try store.reviewCount(alertID: alertID) == 1)
        #expect(try store.auditLog().filter { $0.action.hasPrefix("review") }.count == 1)
        #expect(try store.allSightingIDs().count == 1)
        await client.close()
    }

    @Test func sightingShowSaysMatchedRepostOrNotFound() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let cli = try Self.cliConfig(tc)
        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("console"))   // every request but the worker protocol (issue 13)
        _ = try await client.call(Self.request("show-case") { $0.registerCase = Self.registerCase(face: 2) })
        var described = Self.sighting(face: 2, sha: 2)
        described.sex = .female
        let years = Float((Self.now - 1_577_836_800) / 31_557_600)   // the case's age in whole years, so the range fits it whenever the test runs
        described.estimatedAge.loYears = years - 0.5
        described.estimatedAge.hiYears = years + 2
        described.markTags = ["scar-arm", "glasses"]
        let seen = try await client.call(Self.request("show-1") { $0.submitSighting = described }).sightingAccepted
        let stranger = try await client.call(Self.request("show-2") { $0.submitSighting = Self.sighting(face: 9, sha: 3) }).sightingAccepted
        let strangerShown = try await Self.settled(stranger.sightingID, client: client)
        #expect(strangerShown.state == .matched && strangerShown.candidates == 0 && strangerShown.matchedAt > 0,
                "a sighting with no candidate still completes: \(strangerShown)")
        // Sex, age and marks as submitted, for the review page of a sighting that came over ZeroMQ.
        let seenShown = try await Self.settled(seen.sightingID, client: client)
        #expect(seenShown.sex == .female && seenShown.hasEstimatedAge && seenShown.estimatedAge.loYears == years - 0.5 && seenShown.estimatedAge.hiYears == years + 2)
        #expect(seenShown.markTags == ["scar-arm", "glasses"], "in submitted order: \(seenShown)")
        #expect(strangerShown.sex == .unknown && !strangerShown.hasEstimatedAge && strangerShown.markTags.isEmpty,
                "nothing given, nothing shown: \(strangerShown)")

        let shown = try CLIRun.homeward(["sighting", "show", "\(seen.sightingID)", "--config", cli])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("state: MATCHED") && shown.stdout.contains("candidates: 1"), "\(shown.stdout)")
        #expect(shown.stdout.contains("alert_ids: \"\(String(format: "%016llx", 1 as UInt64))-"), "\(shown.stdout)")

        let repost = try await client.call(Self.request("show-3") { $0.submitSighting = Self.sighting(face: 2, sha: 2) }).sightingAccepted
        #expect(repost.repostOf == seen.sightingID)
        let repostShown = try CLIRun.homeward(["sighting", "show", "\(repost.sightingID)", "--config", cli])
        #expect(repostShown.stdout.contains("state: REPOST") && repostShown.stdout.contains("repost_of: \(seen.sightingID)"),
                "\(repostShown.stdout)")
        let repostOwn = try await client.call(Self.request("show-4") { $0.showSighting.sightingID = repost.sightingID }).sightingShown
        #expect(repostOwn.sex == .unknown && repostOwn.markTags.isEmpty, "a repost shows its own submission's, not the original's: \(repostOwn)")
        let unknown = try CLIRun.homeward(["sighting", "show", "999999", "--config", cli])
        #expect(unknown.status == 67 && unknown.stderr.contains("NOT_FOUND"), "\(unknown.stderr)")
        await client.close()
    }

    @Test func aClientPerceptualHashWithin31BitsIsARepost() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("console"))   // every request but the worker protocol (issue 13)
        let hash: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        func flipped(_ bits: Int) -> [UInt8] {
            var h = hash
            for b in 0..<bits { h[b % 32] ^= 1 << UInt8(b / 32) }   // distinct bits, spread over the bytes
            return h
        }
        #expect(zip(hash, flipped(31)).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount } == 31)
        #expect(zip(hash, flipped(40)).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount } == 40)
        let first = try await client.call(Self.request("ph-1") { $0.submitSighting = Self.sighting(face: 3, sha: 10, phash: hash) }).sightingAccepted
        #expect(!first.hasRepostOf)
        // Another photo file (new SHA-256) of the same picture: 31 bits away is the same photo.
        let near = try await client.call(Self.request("ph-2") { $0.submitSighting = Self.sighting(face: 3, sha: 11, phash: flipped(31)) }).sightingAccepted
        #expect(near.repostOf == first.sightingID)
        let far = try await client.call(Self.request("ph-3") { $0.submitSighting = Self.sighting(face: 3, sha: 12, phash: flipped(40)) }).sightingAccepted
        #expect(!far.hasRepostOf)
        // Byte-identical (same SHA-256) with no perceptual hash at all: a repost too.
        let exact = try await client.call(Self.request("ph-4") { $0.submitSighting = Self.sighting(face: 3, sha: 12) }).sightingAccepted
        #expect(exact.repostOf == far.sightingID)
        var short = Self.sighting(face: 3, sha: 13, phash: Array(hash.prefix(31)))
        await #expect(throws: ClientError.self) { _ = try await client.call(Self.request("ph-5") { $0.submitSighting = short }) }
        short.photoSha256 = Data()
        short.photoPhash = Data(hash)
        await #expect(throws: ClientError.self) { _ = try await client.call(Self.request("ph-6") { $0.submitSighting = short }) }
        await client.close()
    }

    @Test func alertsTailWritesEachAlertAtOnceWithRankAndFace() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let cli = try Self.cliConfig(tc)
        let tail = Process()
        tail.executableURL = URL(fileURLWithPath: TestCluster.executable)
        tail.arguments = ["alerts", "tail", "--province", "110000", "--config", cli]
        let out = Pipe()
        tail.standardOutput = out
        tail.standardError = FileHandle.nullDevice
        try tail.run()
        defer { if tail.isRunning { tail.terminate() } }
        final class Lines: Sendable { let text = Mutex("") }
        let lines = Lines()
        out.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            lines.text.withLock { $0 += chunk }
        }
        defer { out.fileHandleForReading.readabilityHandler = nil }
        try await Task.sleep(for: .seconds(1))  // its subscription reaches the PUB socket

        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("console"))   // every request but the worker protocol (issue 13)
        _ = try await client.call(Self.request("tail-case") { $0.registerCase = Self.registerCase(face: 4) })
        _ = try await client.call(Self.request("tail-sighting") { $0.submitSighting = Self.sighting(face: 4, sha: 20) })
        // The line must arrive while the process runs: into a pipe, nothing may wait in a buffer.
        var waited = 0
        while !lines.text.withLock({ $0.contains("\n") }) && waited < 300 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(tail.isRunning)
        let text = lines.text.withLock { $0 }
        #expect(text.contains(" alert ") && text.contains(" rank 1 ") && text.contains(" face 1.000 "), "got: \(text); logs in \(tc.runDirectory)")
        await client.close()
    }
}

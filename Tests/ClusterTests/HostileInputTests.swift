import Foundation
import HomewardClient
import HomewardProtocol
import Synchronization
import Testing
import ZeroMQ

/// Hostile input against a real coordinator process (issue 7, "Bad input"):
/// raw frames from a DEALER that no Homeward client would send. Each gets a
/// specific error where a reply is possible; afterwards the coordinator still
/// answers, nothing of a rejected sighting is stored, and a subscriber that
/// never reads does not stop alerts reaching one that does.
@Suite(.serialized) struct HostileInputTests {
    static let now = Int64(Date().timeIntervalSince1970)
    static let birth: Int64 = 1_577_836_800  // 2020-01-01T00:00:00Z

    static func embedding(_ seed: Int) -> [Float] { (0..<128).map { Float(sin(Double($0 * 7 + seed * 13))) } }

    static func sighting(_ n: Int, face: [Float] = embedding(1)) -> Homeward_V1_SubmitSighting {
        var s = Homeward_V1_SubmitSighting()
        s.observedAt = now - 60
        s.location.latitude = 39.95
        s.location.longitude = 116.30
        s.sex = .female
        s.estimatedAge.loYears = 5
        s.estimatedAge.hiYears = 8
        var f = Homeward_V1_FaceInput()
        f.embedding.values = face
        s.faces = [f]
        s.submitter = "hostile-input-test"
        // A distinct digest per sighting: equal digests would make reposts (no alert).
        s.photoSha256 = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 < 8 ? n >> (8 * $0) : $0 &* 31) })
        return s
    }

    static func request(_ id: String, version: UInt32 = ClientCodec.protocolVersion, _ fill: (inout Homeward_V1_Request) -> Void) -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = version
        r.requestID = id
        fill(&r)
        return r
    }

    /// A raw DEALER: sends any frames, reads one reply (nil after the timeout).
    final class RawDealer {
        let context: ZMQContext
        let socket: ZMQSocket
        init(endpoint: String, curve: ZMQCurveRole?) throws {
            context = try ZMQContext()
            var options = ZMQSocketOptions(sendHighWaterMark: 100, receiveHighWaterMark: 100)
            options.receiveTimeoutMs = 10_000
            options.sendTimeoutMs = 10_000
            options.curve = curve
            socket = try ZMQSocket(context: context, type: .dealer, options: options)
            try socket.connect(endpoint)
        }
        func exchange(_ frames: [Frame]) throws -> Homeward_V1_Error? {
            try socket.send(frames)
            do {
                let reply = try socket.receive()
                let decoded = try ClientCodec.decodeReply(Array(reply.drop { $0.isEmpty }))
                if case .error(let e)? = decoded.result { return e }
                Issue.record("hostile input was accepted: \(decoded)")
                return nil
            } catch let error as ZMQError {
                _ = error
                return nil  // no reply within the timeout
            }
        }
        deinit {
            socket.close()
            context.terminate()
        }
    }

    @Test func hostileFramesGetSpecificErrorsAndNothingIsStored() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("intake"))
        let admin = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("admin"))
        let before = try await admin.call(Self.request("status-0") { $0.status = .init() }).clusterStatus
        let raw = try RawDealer(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("intake"))
        let tag = ClientCodec.tag
        let valid = Frames.serialize(Self.request("hostile-valid") { $0.submitSighting = Self.sighting(0, face: Self.embedding(9)) })
        var nan = Self.sighting(1)
        nan.faces[0].embedding.values[17] = .nan
        var latitude = Self.sighting(2)
        latitude.location.latitude = 91
        var future = Self.sighting(3)
        future.observedAt = Self.now + 10 * 86_400
        var age = Self.sighting(4)
        age.estimatedAge.loYears = 9
        age.estimatedAge.hiYears = 3
        var shortEmbedding = Self.sighting(5)
        shortEmbedding.faces[0].embedding.values.removeLast(28)
        var bomb = Self.sighting(6)  // a PNG whose header declares 100000 × 100000 pixels
        var photo = Homeward_V1_FaceInput()
        photo.photo.data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
                                + [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 2, 0, 0, 0, 0, 0, 0, 0])
        bomb.faces = [photo]
        var corrupt = Self.sighting(7)
        photo.photo.data = Data([0xFF, 0xD8, 0xFF, 0xE0] + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        corrupt.faces = [photo]

        let cases: [(name: String, frames: [Frame], code: Homeward_V1_Error.Code, field: String)] = [
            ("frame over the 16 MiB limit", [[], tag, [UInt8](repeating: 0x0A, count: (16 << 20) + 1)], .tooLarge, "frames[1]"),
            ("too many frames", [[], tag, valid, [1], [2], [3], [4], [5], [6]], .invalidArgument, "frames"),
            ("no delimiter", [tag, valid], .invalidArgument, "frames"),
            ("other protocol version tag", [[], Array("HWC9".utf8), valid], .unsupportedVersion, "frames[0]"),
            ("unknown tag", [[], Array("GET /".utf8), valid], .invalidArgument, "frames[0]"),
            ("no payload frame", [[], tag], .invalidArgument, "frames"),
            ("protocol_version 2", [[], tag, Frames.serialize(Self.request("hostile-v2", version: 2) { $0.submitSighting = Self.sighting(8) })], .unsupportedVersion, "protocol_version"),
            ("truncated protobuf", [[], tag, Array(valid.prefix(valid.count / 2))], .invalidArgument, "frames[1]"),
            ("garbage protobuf", [[], tag, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]], .invalidArgument, "frames[1]"),
            ("NaN embedding", [[], tag, Frames.serialize(Self.request("hostile-nan") { $0.submitSighting = nan })], .invalidArgument, "embedding"),
            ("latitude 91", [[], tag, Frames.serialize(Self.request("hostile-lat") { $0.submitSighting = latitude })], .invalidArgument, "latitude"),
            ("10 days in the future", [[], tag, Frames.serialize(Self.request("hostile-future") { $0.submitSighting = future })], .invalidArgument, "observed_at"),
            ("age range reversed", [[], tag, Frames.serialize(Self.request("hostile-age") { $0.submitSighting = age })], .invalidArgument, "estimated_age"),
            ("100-float embedding", [[], tag, Frames.serialize(Self.request("hostile-dim") { $0.submitSighting = shortEmbedding })], .invalidArgument, "embedding"),
            ("PNG bomb header", [[], tag, Frames.serialize(Self.request("hostile-bomb") { $0.submitSighting = bomb })], .tooLarge, "faces[0]"),
            ("corrupt JPEG", [[], tag, Frames.serialize(Self.request("hostile-jpeg") { $0.submitSighting = corrupt })], .invalidArgument, "faces[0]"),
        ]
        for c in cases {
            let error = try raw.exchange(c.frames)
            #expect(error?.code == c.code, "\(c.name): \(String(describing: error)); logs in \(tc.runDirectory)")
            #expect(error.map { $0.field.contains(c.field) && !$0.message.isEmpty } == true, "\(c.name): field \(error?.field ?? "-")")
        }

        // Above ZMQ_MAXMSGSIZE (32 MiB) libzmq drops the connection: no reply is possible.
        #expect(try raw.exchange([[], tag, [UInt8](repeating: 0, count: (32 << 20) + 1)]) == nil)

        // Still up: status answers, no rejected sighting was stored, and a valid one is.
        let after = try await admin.call(Self.request("status-1") { $0.status = .init() }).clusterStatus
        #expect(after.sightings == before.sightings, "a rejected sighting was stored")
        let accepted = try await client.call(Self.request("hostile-ok") { $0.submitSighting = Self.sighting(100) })
        #expect(accepted.sightingAccepted.sightingID > 0)
        let last = try await admin.call(Self.request("status-2") { $0.status = .init() }).clusterStatus
        #expect(last.sightings == before.sightings + 1)
        await client.close()
        await admin.close()
    }

    @Test func aSubscriberThatNeverReadsDoesNotStopAlerts() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        // The stalled subscriber: subscribed to everything, a receive queue of one, never read.
        let context = try ZMQContext()
        var options = ZMQSocketOptions(sendHighWaterMark: 1, receiveHighWaterMark: 1)
        options.subscriptions = [[]]
        options.curve = try tc.cluster.curve("desk")
        let stalled = try ZMQSocket(context: context, type: .sub, options: options)
        try stalled.connect(tc.cluster.alertsEndpoint)
        defer { stalled.close(); context.terminate() }

        final class Box: Sendable { let sightings = Mutex<Set<UInt64>>([]) }
        let received = Box()
        let subscriber = try await AlertSubscriber(endpoint: tc.cluster.alertsEndpoint, curve: try tc.cluster.curve("desk")) { _, event in
            if case .alert(let a)? = event.event { _ = received.sightings.withLock { $0.insert(a.sightingID) } }
        }
        try await Task.sleep(for: .milliseconds(500))  // let both subscriptions reach the PUB socket

        let client = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("intake"))
        var register = Homeward_V1_RegisterCase()
        register.personal.childName = "Synthetic Child"
        register.personal.guardianContact = "+86 000 0000 0000"
        register.sex = .female
        register.birthDate = Self.birth
        register.missingSince = Self.now - 3600
        register.lastSeen.latitude = 39.95
        register.lastSeen.longitude = 116.30
        var face = Homeward_V1_FaceInput()
        face.embedding.values = Self.embedding(1)
        register.photos = [face]
        _ = try await client.call(Self.request("stall-case") { $0.registerCase = register })

        // Every sighting shows the registered child: one alert each.
        let count = 1000
        let ids = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for n in 0..<count {
                group.addTask { try await client.call(Self.request("stall-\(n)") { $0.submitSighting = Self.sighting(1000 + n) }).sightingAccepted.sightingID }
            }
            return try await group.reduce(into: Set<UInt64>()) { $0.insert($1) }
        }
        #expect(ids.count == count)
        var waited = 0
        while received.sightings.withLock({ $0.count }) < count && waited < 300 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(received.sightings.withLock { $0 } == ids, "the reading subscriber missed alerts; logs in \(tc.runDirectory)")
        let admin = try await HomewardClient(endpoint: tc.cluster.clientEndpoint, curve: try tc.cluster.curve("admin"))
        let status = try await admin.call(Self.request("stall-status") { $0.status = .init() }).clusterStatus
        await admin.close()
        #expect(status.alerts >= UInt64(count))
        // The stalled subscriber was sent alerts too: they wait in its queue, unread.
        #expect(try stalled.events().readable)
        await subscriber.close()
        await client.close()
    }
}

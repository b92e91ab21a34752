import ClusterCore
import Foundation
import HomewardCluster
import HomewardProtocol
import Logging
import Synchronization
import Testing

/// A worker's FINAL, in process (no sockets): each candidate names the shard
/// that holds its case (issue 12 item 11; it used to name the first shard served).
@Suite struct WorkerResultTests {
    final class Outbox: Sendable {
        let frames = Mutex<[[Frame]]>([])
        func finals() -> [Homeward_V1_MatchResult] {
            frames.withLock { $0 }.compactMap { frames in
                guard let (_, body) = try? Frames.split(frames), case .final(let r)? = try? WorkerCodec.decode(body, from: .worker) else { return nil }
                return r
            }
        }
    }

    static let face = VectorCoding.normalized((0..<128).map { Float(sin(Double($0 * 7 + 5))) })

    static func update(shard: UInt32, _ fill: (inout Homeward_V1_FeatureUpdate) -> Void) -> [Frame] {
        var u = Homeward_V1_FeatureUpdate()
        u.shardID = shard
        u.sequence = 1
        u.snapshotEpoch = 1
        fill(&u)
        return Frames.join(body: WorkerCodec.encode(.update(u)))
    }

    /// A case missing for years (unlimited reach), so the sighting's place does not matter.
    static func caseFeatures(_ id: UInt64) -> Homeward_V1_CaseFeatures {
        var c = Homeward_V1_CaseFeatures()
        c.caseID = id
        c.birthDate = 1_262_304_000
        c.missingSince = 1_600_000_000
        c.lastSeen.latitude = 30
        c.lastSeen.longitude = 110
        c.photos = [VectorCoding.vector(face)]
        return c
    }

    @Test func candidatesCarryTheShardOfTheirCase() async throws {
        let config = try ClusterConfig.load(path: TestCluster.packageRoot.appendingPathComponent("cluster-config/local.json").path)
        let outbox = Outbox()
        let node = try WorkerNode(id: WorkerID("w1"), config: config, matchersPerShard: 1, logger: Logger(label: "test")) { frames in
            outbox.frames.withLock { $0.append(frames) }
        }
        // Case 10 in shard 0, case 20 in shard 2: the same face, so both are candidates.
        for (shard, caseID) in [(UInt32(0), UInt64(10)), (2, 20)] {
            await node.handle(Self.update(shard: shard) { $0.snapshotBegin.rowCount = 1 })
            await node.handle(Self.update(shard: shard) { $0.snapshotRow = Self.caseFeatures(caseID) })
            await node.handle(Self.update(shard: shard) { $0.snapshotEnd.rowCount = 1 })
        }
        var sighting = Homeward_V1_SightingFeatures()
        sighting.sightingID = 7
        sighting.observedAt = 1_790_000_000
        sighting.location.latitude = 23
        sighting.location.longitude = 113
        sighting.faces = [VectorCoding.vector(Self.face)]
        var request = Homeward_V1_MatchRequest()
        request.requestID = 1
        request.shardIds = [0, 2]
        request.sightings = [sighting]
        request.topK = 10
        await node.handle(Frames.join(body: WorkerCodec.encode(.request(request))))
        let final = try #require(outbox.finals().first)
        #expect(final.shardIds == [0, 2])
        #expect(Dictionary(uniqueKeysWithValues: final.candidates.map { ($0.caseID, $0.shardID) }) == [10: 0, 20: 2])
    }
}

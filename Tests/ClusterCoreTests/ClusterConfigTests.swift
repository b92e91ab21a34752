import Foundation
import Testing
@testable import ClusterCore

@Suite struct ClusterConfigTests {
    static var localConfigPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../cluster-config/local.json").standardized.path
    }

    @Test func shippedLocalConfigLoadsWithContractDefaults() throws {
        let config = try ClusterConfig.load(path: Self.localConfigPath)
        #expect(config.workers.map(\.id) == ["w1", "w2"])
        let map = try config.shardMap()
        #expect(map.shards.count == 6)
        #expect(map.shard(forProvince: "440000") == "south-central")
        #expect(config.matching.topK == 10)
        #expect(config.matching.marksWeight == 0.10)
        #expect(try config.reachTierTable() == .default)
    }

    @Test func givenFieldsOverrideDefaultsKeyByKey() throws {
        let json = #"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"matching":{"topK":3}}"#
        let config = try ClusterConfig.parse(Data(json.utf8))
        #expect(config.matching.topK == 3)
        #expect(config.matching.dimension == 128)
        #expect(config.heartbeat.deadAfterMilliseconds == 3_000)
    }

    @Test(arguments: [
        (#"[]"#, "the top level must be a JSON object"),
        (#"{"matching":{"topK":"ten"}}"#, "matching.topK"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["b"]}]}"#, "names worker b"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"matching":{"dimension":100}}"#, "dimension must be 128 or 512"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"matching":{"reachTiers":[]}}"#, "reach tier table is empty"),
        (#"{"shards":[]}"#, "no shards"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"coordinator":{"intakeSlots":0}}"#, "coordinator.intakeSlots must lie in 1…1000000"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"coordinator":{"bulkQueueLimit":300000}}"#, "bulkQueueLimit ≤ urgentQueueLimit"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"coordinator":{"extractionTries":0}}"#, "coordinator.extractionTries must lie in 1…100"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"coordinator":{"matchTries":1000}}"#, "coordinator.matchTries must lie in 1…100"),
        (#"{"workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}],"coordinator":{"extractionTimeoutMilliseconds":0}}"#, "coordinator.extractionTimeoutMilliseconds must lie in 1…86400000"),
    ])
    func badConfigsAreRejectedWithTheReason(json: String, expected: String) {
        do {
            _ = try ClusterConfig.parse(Data(json.utf8), file: "x.json")
            Issue.record("accepted a bad config")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("cluster config x.json: "))
        }
    }
}

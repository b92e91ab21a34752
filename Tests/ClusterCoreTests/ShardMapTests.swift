import Testing
@testable import ClusterCore

@Suite struct ShardMapTests {
    static func twoWorkerMap() throws -> ShardMap {
        try ShardMap(shards: [
            .init(id: "north", provinces: ["110000", "120000"], replicas: ["w1", "w2"]),
            .init(id: "south", provinces: ["440000"], replicas: ["w1", "w2"]),
            .init(id: "west", provinces: ["510000"], replicas: ["w2"]),
        ])
    }

    @Test func placesProvincesAndFallsBack() throws {
        let map = try Self.twoWorkerMap()
        #expect(map.shard(forProvince: "120000") == "north")
        #expect(map.shard(forProvince: "440000") == "south")
        #expect(map.shard(forProvince: "999999") == "north")
        #expect(map.shard(forProvince: nil) == "north")
        #expect(map.shards(on: "w1") == ["north", "south"])
        #expect(map.workers == ["w1", "w2"])
    }

    @Test func primariesAlternateAcrossWorkers() throws {
        let map = try Self.twoWorkerMap()
        #expect(map.preference(for: "north") == ["w1", "w2"])
        #expect(map.preference(for: "south") == ["w2", "w1"])
        #expect(map.preference(for: "west") == ["w2"])
    }

    @Test func assignSkipsDeadReplicasAndReportsUnserved() throws {
        let map = try Self.twoWorkerMap()
        let all = map.assign(map.shardIDs) { _ in true }
        #expect(all.byWorker == ["w1": ["north"], "w2": ["south", "west"]])
        let w2Dead = map.assign(map.shardIDs) { $0 != "w2" }
        #expect(w2Dead.byWorker == ["w1": ["north", "south"]])
        #expect(w2Dead.unserved == ["west"])
    }

    @Test func rejectsInconsistentMaps() {
        #expect(throws: ShardMap.ValidationError.noShards) { try ShardMap(shards: []) }
        #expect(throws: ShardMap.ValidationError.noReplicas("a")) {
            try ShardMap(shards: [.init(id: "a", provinces: [], replicas: [])])
        }
        #expect(throws: ShardMap.ValidationError.provinceInTwoShards(province: "110000", "a", "b")) {
            try ShardMap(shards: [
                .init(id: "a", provinces: ["110000"], replicas: ["w1"]),
                .init(id: "b", provinces: ["110000"], replicas: ["w1"]),
            ])
        }
        #expect(throws: ShardMap.ValidationError.duplicateReplica("a", "w1")) {
            try ShardMap(shards: [.init(id: "a", provinces: [], replicas: ["w1", "w1"])])
        }
        #expect(throws: ShardMap.ValidationError.fallbackShardUnknown("zz")) {
            try ShardMap(shards: [.init(id: "a", provinces: [], replicas: ["w1"])], fallbackShard: "zz")
        }
    }
}

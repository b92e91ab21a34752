/// Which provinces make up each shard, and which workers hold a replica of it.
///
/// Cases are placed in the shard of the province where the child was last seen.
/// Every shard has at least one replica (the default config gives two); a
/// request for a shard goes to its first live replica in `preference(for:)` order,
/// which spreads primaries across workers so both halves of the cluster scan.
public struct ShardMap: Hashable, Sendable {
    public struct Shard: Hashable, Sendable, Codable {
        public var id: ShardID
        public var provinces: [String]
        public var replicas: [WorkerID]

        public init(id: ShardID, provinces: [String], replicas: [WorkerID]) {
            self.id = id
            self.provinces = provinces
            self.replicas = replicas
        }
    }

    public enum ValidationError: Error, Equatable, CustomStringConvertible {
        case noShards
        case duplicateShard(ShardID)
        case noReplicas(ShardID)
        case duplicateReplica(ShardID, WorkerID)
        case provinceInTwoShards(province: String, ShardID, ShardID)
        case fallbackShardUnknown(ShardID)

        public var description: String {
            switch self {
            case .noShards: "shard map has no shards"
            case .duplicateShard(let s): "shard \(s) is listed twice"
            case .noReplicas(let s): "shard \(s) has no replicas: list at least one worker"
            case .duplicateReplica(let s, let w): "shard \(s) lists worker \(w) twice"
            case .provinceInTwoShards(let p, let a, let b): "province \(p) is in both shard \(a) and shard \(b)"
            case .fallbackShardUnknown(let s): "fallback shard \(s) is not one of the shards"
            }
        }
    }

    public let shards: [Shard]
    /// Shard for cases whose province is unknown or not listed (points off the map).
    public let fallbackShard: ShardID
    private let shardByProvince: [String: ShardID]
    private let indexByShard: [ShardID: Int]

    public init(shards: [Shard], fallbackShard: ShardID? = nil) throws(ValidationError) {
        guard let first = shards.first else { throw .noShards }
        var byProvince: [String: ShardID] = [:]
        var index: [ShardID: Int] = [:]
        for (i, shard) in shards.enumerated() {
            guard index[shard.id] == nil else { throw .duplicateShard(shard.id) }
            guard !shard.replicas.isEmpty else { throw .noReplicas(shard.id) }
            guard Set(shard.replicas).count == shard.replicas.count else {
                throw .duplicateReplica(shard.id, shard.replicas.first { w in shard.replicas.filter { $0 == w }.count > 1 }!)
            }
            index[shard.id] = i
            for p in shard.provinces {
                if let other = byProvince[p] { throw .provinceInTwoShards(province: p, other, shard.id) }
                byProvince[p] = shard.id
            }
        }
        let fallback = fallbackShard ?? first.id
        guard index[fallback] != nil else { throw .fallbackShardUnknown(fallback) }
        self.shards = shards
        self.fallbackShard = fallback
        self.shardByProvince = byProvince
        self.indexByShard = index
    }

    public var shardIDs: [ShardID] { shards.map(\.id) }

    /// The shard that holds cases last seen in `province` (a GB/T 2260 code).
    public func shard(forProvince province: String?) -> ShardID {
        province.flatMap { shardByProvince[$0] } ?? fallbackShard
    }

    public func shard(_ id: ShardID) -> Shard? { indexByShard[id].map { shards[$0] } }

    /// Shards that `worker` holds a replica of.
    public func shards(on worker: WorkerID) -> [ShardID] {
        shards.filter { $0.replicas.contains(worker) }.map(\.id)
    }

    public var workers: [WorkerID] {
        Array(Set(shards.flatMap(\.replicas))).sorted()
    }

    /// Replicas of `shard` in the order requests should try them: the list is
    /// rotated by the shard's position so that primaries alternate between workers.
    public func preference(for shard: ShardID) -> [WorkerID] {
        guard let i = indexByShard[shard] else { return [] }
        let replicas = shards[i].replicas
        let offset = i % replicas.count
        return Array(replicas[offset...] + replicas[..<offset])
    }

    /// Assigns each shard to its first replica that `isLive` accepts.
    /// Shards with no live replica are returned in `unserved`.
    public func assign(_ wanted: some Sequence<ShardID>, isLive: (WorkerID) -> Bool) -> (byWorker: [WorkerID: [ShardID]], unserved: [ShardID]) {
        var byWorker: [WorkerID: [ShardID]] = [:]
        var unserved: [ShardID] = []
        for shard in wanted {
            if let worker = preference(for: shard).first(where: isLive) {
                byWorker[worker, default: []].append(shard)
            } else {
                unserved.append(shard)
            }
        }
        return (byWorker, unserved)
    }
}

extension ShardMap {
    /// A shard's number on the wire: its position in the config's list.
    public func index(of shard: ShardID) -> UInt32 {
        UInt32(shards.firstIndex { $0.id == shard }!)
    }

    /// The shard at wire number `index`, if there is one.
    public func shard(at index: UInt32) -> ShardID? {
        Int(index) < shards.count ? shards[Int(index)].id : nil
    }
}

import Foundation

extension ClusterConfig {
    /// A fingerprint of everything that decides match results and placement
    /// (matching settings, workers, shards), equal on every node of a correctly
    /// configured cluster. Endpoints and paths are left out: they differ per node.
    public var matchingDigest: String {
        struct Relevant: Encodable {
            var matching: Matching
            var workers: [String]
            var shards: [ShardMap.Shard]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Relevant(matching: matching, workers: workers.map(\.id.rawValue), shards: shards))) ?? Data()
        // FNV-1a 64: a fingerprint for comparison, not a security property.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

import Foundation

/// The benchmark's vectors: seeded random unit rows and queries, kept as one
/// flat Float array (rows first, then queries) exactly as written for the peer.
struct MatchBenchData {
    let rows: Int
    let dimension: Int
    let queryCount: Int
    let values: [Float]

    init(rows: Int, dimension: Int, queryCount: Int, seed: UInt64) {
        self.rows = rows
        self.dimension = dimension
        self.queryCount = queryCount
        var state = seed
        var values = [Float](repeating: 0, count: (rows + queryCount) * dimension)
        values.withUnsafeMutableBufferPointer { out in
            for v in 0..<(rows + queryCount) {
                var sum = 0.0
                for d in 0..<dimension {
                    // SplitMix64 → uniform in [-1, 1).
                    state &+= 0x9E37_79B9_7F4A_7C15
                    var z = state
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    z ^= z >> 31
                    let x = Float(z >> 40) * 0x1p-23 - 1
                    out[v * dimension + d] = x
                    sum += Double(x) * Double(x)
                }
                let scale = 1 / sum.squareRoot()
                for d in 0..<dimension { out[v * dimension + d] = Float(Double(out[v * dimension + d]) * scale) }
            }
        }
        self.values = values
    }

    func row(_ i: Int) -> [Float] { Array(values[(i * dimension)..<((i + 1) * dimension)]) }
    func query(_ i: Int) -> [Float] { row(rows + i) }

    /// Writes the floats (little-endian float32) for the peer.
    func write(to url: URL) throws {
        try values.withUnsafeBytes { try Data($0).write(to: url) }
    }

    /// Exact top-k ids of query `q` by brute force in Double (the recall truth);
    /// ties by id ascending.
    func exactTopK(query q: Int, k: Int) -> [Int] {
        var best: [(score: Double, id: Int)] = []
        values.withUnsafeBufferPointer { v in
            let qb = (rows + q) * dimension
            for r in 0..<rows {
                var dot = 0.0
                let rb = r * dimension
                for d in 0..<dimension { dot += Double(v[qb + d]) * Double(v[rb + d]) }
                if best.count == k, dot <= best[k - 1].score { continue }
                let at = best.firstIndex { dot > $0.score } ?? best.count
                best.insert((dot, r), at: at)
                if best.count > k { best.removeLast() }
            }
        }
        return best.map(\.id)
    }
}

/// Answers "is any stored hash within `maxDistance` bits of this one?" without
/// scanning every hash: multi-index hashing (Norouzi, Punjani & Fleet).
///
/// The 256 bits are cut into `chunkCount` chunks of `chunkBits` bits, and
/// each chunk value keys a bucket table. By pigeonhole, two hashes within
/// `r` bits differ by at most ⌊r / chunkCount⌋ bits in some chunk; a query
/// therefore visits, in each table, the buckets of its own chunk value and of
/// every value within that per-chunk radius, and checks only the hashes found
/// there. The result is exact (no false negatives), which tests check
/// against `LinearHashIndex`.
///
/// The default, 16 chunks of 16 bits with per-chunk radius 1 for r = 31,
/// probes 16 × 17 buckets holding about 16 × 17 × N / 65,536 candidates
/// (≈ 4,200 for N = 1M random hashes). 32 chunks of 8 bits need only exact
/// chunk matches but buckets of N / 256 hashes (≈ 125,000 candidates).
/// docs/photo-pipeline.md has the measurements.
///
/// Each bucket is a contiguous array of entry numbers, so the candidate loads
/// of one bucket are independent and the CPU overlaps their cache misses (a
/// linked-list layout, tried first, serialised them: 1.7× a linear scan
/// instead of ~40×).
public struct MultiIndexHashIndex: Sendable {
    public let chunkBits: Int
    public let chunkCount: Int
    /// The largest distance a query may ask for: the per-chunk radius stays ≤ 1.
    public let maxSupportedDistance: Int

    private var hashes: [PerceptualHash] = []
    private var ids: [UInt64] = []
    /// buckets[chunk << chunkBits | value]: entries whose chunk has that value, in insertion order.
    private var buckets: [[UInt32]]

    /// `chunkBits` must be 8 or 16.
    public init(chunkBits: Int = 16) {
        precondition(chunkBits == 8 || chunkBits == 16, "chunkBits must be 8 or 16")
        self.chunkBits = chunkBits
        self.chunkCount = PerceptualHash.bitCount / chunkBits
        self.maxSupportedDistance = 2 * chunkCount - 1
        self.buckets = Array(repeating: [], count: chunkCount << chunkBits)
    }

    public var count: Int { hashes.count }

    @inline(__always)
    private func chunk(_ hash: PerceptualHash, _ index: Int) -> Int {
        let bit = index * chunkBits
        let mask: UInt64 = (1 << UInt64(chunkBits)) - 1
        return Int((hash.word(bit >> 6) >> UInt64(bit & 63)) & mask)
    }

    public mutating func insert(_ hash: PerceptualHash, id: UInt64) {
        precondition(hashes.count < Int(UInt32.max), "index full")
        let entry = UInt32(hashes.count)
        hashes.append(hash)
        ids.append(id)
        for c in 0..<chunkCount { buckets[c << chunkBits | chunk(hash, c)].append(entry) }
    }

    /// Removes the entry of `hash` under `id` (an original that was never
    /// stored): queries stop finding it. Its slot in `hashes` stays, unused.
    public mutating func remove(_ hash: PerceptualHash, id: UInt64) {
        let bucket = chunk(hash, 0)   // every entry of this hash is in chunk 0's bucket of its value
        guard let entry = buckets[bucket].first(where: { hashes[Int($0)] == hash && ids[Int($0)] == id }) else { return }
        for c in 0..<chunkCount { buckets[c << chunkBits | chunk(hash, c)].removeAll { $0 == entry } }
    }

    /// The stored hash nearest to `query` within `maxDistance` bits (ties: the
    /// earliest inserted), or nil.
    public func nearest(to query: PerceptualHash, maxDistance: Int) -> HashMatch? {
        precondition(maxDistance >= 0 && maxDistance <= maxSupportedDistance,
                     "maxDistance \(maxDistance) exceeds what \(chunkCount) chunks answer exactly")
        let radius = maxDistance / chunkCount
        var bestEntry = -1
        var bestDistance = Int.max
        hashes.withUnsafeBufferPointer { stored in
            buckets.withUnsafeBufferPointer { buckets in
                for c in 0..<chunkCount {
                    let value = chunk(query, c)
                    let probes = radius == 0 ? 1 : chunkBits + 1
                    for p in 0..<probes {
                        let probe = p == 0 ? value : value ^ (1 << (p - 1))
                        buckets[c << chunkBits | probe].withUnsafeBufferPointer { entries in
                            for e in entries {
                                let entry = Int(e)
                                let d = stored[entry].distance(to: query)
                                if d <= maxDistance && (d < bestDistance || (d == bestDistance && entry < bestEntry)) {
                                    bestDistance = d
                                    bestEntry = entry
                                }
                            }
                        }
                    }
                }
            }
        }
        return bestEntry < 0 ? nil : HashMatch(id: ids[bestEntry], distance: bestDistance)
    }
}

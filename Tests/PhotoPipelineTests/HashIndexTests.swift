import PhotoPipeline
import Testing

@Suite struct HashIndexTests {
    static func flip(_ h: PerceptualHash, bits: Int, rng: inout SplitMix) -> PerceptualHash {
        var out = h
        var chosen = Set<Int>()
        while chosen.count < bits { chosen.insert(Int(rng.next() % 256)) }
        for bit in chosen {
            let mask: UInt64 = 1 << UInt64(bit & 63)
            switch bit >> 6 {
            case 0: out.w0 ^= mask
            case 1: out.w1 ^= mask
            case 2: out.w2 ^= mask
            default: out.w3 ^= mask
            }
        }
        return out
    }

    /// Random stored hashes (every seventh then removed) plus queries planted
    /// 0–40 bits from stored ones (and unrelated queries); every answer must
    /// equal the linear scan's.
    @Test(arguments: [(16, UInt64(11)), (16, UInt64(12)), (8, UInt64(13))])
    func multiIndexMatchesLinearScan(chunkBits: Int, seed: UInt64) {
        var rng = SplitMix(seed: seed)
        var fast = MultiIndexHashIndex(chunkBits: chunkBits)
        var slow = LinearHashIndex()
        var stored: [PerceptualHash] = []
        for i in 0..<4000 {
            // Some stored hashes are themselves near each other (clusters), as reposts' originals can be.
            let h = i % 10 == 9 && !stored.isEmpty
                ? Self.flip(stored[Int(rng.next() % UInt64(stored.count))], bits: 20 + Int(rng.next() % 30), rng: &rng)
                : PerceptualHash(rng.next(), rng.next(), rng.next(), rng.next())
            stored.append(h)
            fast.insert(h, id: UInt64(1000 + i))
            slow.insert(h, id: UInt64(1000 + i))
        }
        // Originals that were never stored are removed (the coordinator forgets
        // them): queries near them must find the next nearest, as the scan does.
        for i in stride(from: 3, to: stored.count, by: 7) {
            fast.remove(stored[i], id: UInt64(1000 + i))
            slow.remove(stored[i], id: UInt64(1000 + i))
        }
        #expect(slow.count == stored.count - Array(stride(from: 3, to: stored.count, by: 7)).count)
        var found = 0
        for q in 0..<1500 {
            let query = q % 5 == 4
                ? PerceptualHash(rng.next(), rng.next(), rng.next(), rng.next())
                : Self.flip(stored[Int(rng.next() % UInt64(stored.count))], bits: Int(rng.next() % 41), rng: &rng)
            for maxDistance in [0, 15, 31] where maxDistance <= fast.maxSupportedDistance {
                let a = fast.nearest(to: query, maxDistance: maxDistance)
                let b = slow.nearest(to: query, maxDistance: maxDistance)
                #expect(a == b, "seed \(seed) query \(q) maxDistance \(maxDistance)")
                if a != nil { found += 1 }
            }
        }
        #expect(found > 1000)  // the planted queries did exercise matches
    }

    @Test func emptyIndexFindsNothing() {
        let index = MultiIndexHashIndex()
        #expect(index.nearest(to: PerceptualHash(1, 2, 3, 4), maxDistance: 31) == nil)
    }
}

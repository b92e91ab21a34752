/// The cluster's controlled vocabulary of mark tags (from the cluster config),
/// in a fixed order: tag i is bit i of `MarkBits`. At most 256 tags, so a
/// worker gets a tag set as four 64-bit words and never the tag text.
public struct MarkVocabulary: Sendable, Equatable {
    public static let capacity = 256

    public let tags: [String]
    private let indexByTag: [String: Int]

    public enum Problem: Error, Sendable, Equatable {
        case tooManyTags(Int)
        case duplicateTag(String)
    }

    public init(_ tags: [String]) throws(Problem) {
        if tags.count > Self.capacity { throw .tooManyTags(tags.count) }
        var index: [String: Int] = [:]
        for (i, tag) in tags.enumerated() {
            if index.updateValue(i, forKey: tag) != nil { throw .duplicateTag(tag) }
        }
        self.tags = tags
        self.indexByTag = index
    }

    public func index(of tag: String) -> Int? { indexByTag[tag] }

    /// The bit set of `tags`; tags outside the vocabulary are ignored (the
    /// validator has already rejected them at intake).
    public func bits(for tags: [String]) -> Homeward_V1_MarkBits {
        var words: [UInt64] = [0, 0, 0, 0]
        for tag in tags {
            if let i = indexByTag[tag] { words[i >> 6] |= 1 << UInt64(i & 63) }
        }
        return MarkBitsCoding.make(words)
    }

    /// The tags whose bits are set, in vocabulary order.
    public func tags(in bits: Homeward_V1_MarkBits) -> [String] {
        let words = MarkBitsCoding.words(bits)
        return tags.indices.filter { words[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }.map { tags[$0] }
    }
}

/// Set operations on `MarkBits` for the matcher (Jaccard = |a∩b| / |a∪b|).
public enum MarkBitsCoding {
    public static func make(_ words: [UInt64]) -> Homeward_V1_MarkBits {
        precondition(words.count == 4, "MarkBits has exactly four words")
        var bits = Homeward_V1_MarkBits()
        bits.w0 = words[0]; bits.w1 = words[1]; bits.w2 = words[2]; bits.w3 = words[3]
        return bits
    }

    public static func words(_ bits: Homeward_V1_MarkBits) -> [UInt64] {
        [bits.w0, bits.w1, bits.w2, bits.w3]
    }

    /// Jaccard overlap; 0 when both sets are empty (matching contract, step 6).
    public static func jaccard(_ a: Homeward_V1_MarkBits, _ b: Homeward_V1_MarkBits) -> Double {
        let x = words(a), y = words(b)
        var inter = 0, union = 0
        for i in 0..<4 {
            inter += (x[i] & y[i]).nonzeroBitCount
            union += (x[i] | y[i]).nonzeroBitCount
        }
        return union == 0 ? 0 : Double(inter) / Double(union)
    }
}

/// A set of distinguishing-mark tags from the configured vocabulary (tag numbers
/// 0..<256), as a fixed 256-bit bitset so Jaccard overlap is four popcounts.
public struct MarkSet: Hashable, Sendable, Codable {
    public static let capacity = 256

    /// Bit `t % 64` of word `t / 64` is set when tag `t` is present.
    public var words: SIMD4<UInt64>

    public init() { words = .zero }

    public init(words: SIMD4<UInt64>) { self.words = words }

    /// Builds a set from tag numbers; every tag must be in 0..<256.
    public init<S: Sequence<Int>>(tags: S) throws(FeatureValidationError) {
        words = .zero
        for tag in tags { try insert(tag) }
    }

    public mutating func insert(_ tag: Int) throws(FeatureValidationError) {
        guard (0..<Self.capacity).contains(tag) else { throw .markTagOutOfRange(tag) }
        words[tag >> 6] |= 1 << UInt64(tag & 63)
    }

    public func contains(_ tag: Int) -> Bool {
        (0..<Self.capacity).contains(tag) && words[tag >> 6] & (1 << UInt64(tag & 63)) != 0
    }

    public var isEmpty: Bool { words == .zero }

    public var count: Int { Self.popcount(words) }

    /// The tags present, ascending.
    public var tags: [Int] { (0..<Self.capacity).filter(contains) }

    /// Contract step 6: |a ∩ b| / |a ∪ b|, and 0 when both are empty.
    @inlinable
    public func jaccard(_ other: MarkSet) -> Double {
        let union = Self.popcount(words | other.words)
        guard union > 0 else { return 0 }
        return Double(Self.popcount(words & other.words)) / Double(union)
    }

    @inlinable
    static func popcount(_ w: SIMD4<UInt64>) -> Int {
        w[0].nonzeroBitCount &+ w[1].nonzeroBitCount &+ w[2].nonzeroBitCount &+ w[3].nonzeroBitCount
    }
}

import HomewardProtocol
import MatchEngine

extension MarkVocabulary {
    /// The engine's bitset for validated tags (unknown tags were rejected at intake).
    func markSet(_ tags: [String]) -> MarkSet {
        var set = MarkSet()
        for tag in tags { if let i = index(of: tag) { try? set.insert(i) } }
        return set
    }
}

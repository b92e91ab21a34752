/// The best `k` distinct cases for one sighting, in step 8's order, with the
/// face-score bar a row must reach to still matter.
struct TopKCollector {
    let k: Int
    private(set) var items: [MatchCandidate] = []

    init(k: Int) {
        self.k = k
        items.reserveCapacity(k + 1)
    }

    /// Keeps `c` if it ranks among the best k; a case seen again keeps its better score.
    mutating func offer(_ c: MatchCandidate) {
        if let i = items.firstIndex(where: { $0.caseID == c.caseID }) {
            guard c.ranksBefore(items[i]) else { return }
            items.remove(at: i)
        } else if items.count == k, !c.ranksBefore(items[k - 1]) {
            return
        }
        let at = items.firstIndex { c.ranksBefore($0) } ?? items.count
        items.insert(c, at: at)
        if items.count > k { items.removeLast() }
    }

    /// The lowest face score that could still enter the top k, given that the
    /// marks term adds at most `bonusBound`; nil while fewer than k are held.
    ///
    /// Exactness: a skipped row has face < bar ≤ kth − bonusBound − margin, so its
    /// score is strictly below the k-th (the margin covers the Double rounding of
    /// face + weight × marks); with no bonus, face < kth already is strict.
    func faceBar(bonusBound: Double) -> Float? {
        guard items.count == k, let kth = items.last?.score else { return nil }
        let target = bonusBound > 0 ? kth - bonusBound - 1e-9 : kth
        let f = Float(target)
        return Double(f) > target ? f.nextDown : f
    }
}

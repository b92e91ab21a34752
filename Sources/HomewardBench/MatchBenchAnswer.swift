/// One timed search of `bench match`: its first query and the top-k ids of each
/// query of the batch. Recall is computed over every timed query (issue 16).
struct MatchBenchAnswer: Decodable, Sendable {
    var firstQuery: Int
    var ids: [[Int]]

    init(firstQuery: Int, ids: [[Int]]) {
        self.firstQuery = firstQuery
        self.ids = ids
    }

    /// The peer writes `[first, [[ids], ...]]`.
    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        firstQuery = try c.decode(Int.self)
        ids = try c.decode([[Int]].self)
    }

    /// Fraction of the true top-k found, over every query of every answer.
    static func recall(_ answers: [MatchBenchAnswer], truth: [[Int]]) -> Double {
        var hit = 0, total = 0
        for answer in answers {
            for (i, got) in answer.ids.enumerated() {
                let expected = truth[(answer.firstQuery + i) % truth.count]
                hit += Set(got).intersection(expected).count
                total += expected.count
            }
        }
        return total == 0 ? 0 : Double(hit) / Double(total)
    }
}

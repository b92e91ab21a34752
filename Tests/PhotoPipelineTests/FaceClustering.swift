import PhotoPipeline

/// Test helper: groups faces the way dlib's example does (Chinese whispers
/// over the graph of pairs at or above the threshold), deterministically.
enum FaceClustering {
    static func chineseWhispers(_ embeddings: [FaceEmbedding], threshold: Float, passes: Int = 100) -> [[Int]] {
        let n = embeddings.count
        var neighbours = Array(repeating: [Int](), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j && embeddings[i].dot(embeddings[j]) >= threshold { neighbours[i].append(j) }
        }
        var label = Array(0..<n)
        var rng = SplitMix(seed: 7)
        // Each pass visits every face once, in a seeded random order.
        for _ in 0..<passes {
          for i in (0..<n).shuffled(using: &rng) {
            var votes: [Int: Float] = [:]
            for j in neighbours[i] { votes[label[j], default: 0] += embeddings[i].dot(embeddings[j]) }
            if let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) { label[i] = best.key }
          }
        }
        return Dictionary(grouping: 0..<n) { label[$0] }.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}

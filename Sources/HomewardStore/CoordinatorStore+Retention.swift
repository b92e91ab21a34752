extension CoordinatorStore {
    public struct Pruned: Sendable, Equatable {
        public var replies: Int
        public var publications: Int

        public init(replies: Int, publications: Int) {
            self.replies = replies
            self.publications = publications
        }
    }

    /// Deletes request-id replies answered before `cutoff` (Unix seconds) and
    /// published frames stamped before it, at most `limit` of each (the caller
    /// repeats while a full `limit` went, so no transaction holds the writer long).
    /// The last frame of every topic is kept whatever its age: a restart numbers
    /// the topic on from it, so a sequence never repeats.
    public func pruneRetention(olderThan cutoff: Int64, limit: Int = 10_000) throws -> Pruned {
        try db.cached("""
            DELETE FROM client_requests WHERE request_id IN
                (SELECT request_id FROM client_requests WHERE answered_at < ? LIMIT ?)
            """).run([.integer(cutoff), .integer(Int64(limit))])
        let replies = db.changes
        try db.cached("""
            DELETE FROM publications WHERE (topic, seq) IN
                (SELECT p.topic, p.seq FROM publications p WHERE p.published_at < ?
                   AND p.seq < (SELECT MAX(q.seq) FROM publications q WHERE q.topic = p.topic) LIMIT ?)
            """).run([.integer(cutoff), .integer(Int64(limit))])
        return Pruned(replies: replies, publications: db.changes)
    }

    /// The first sequence still stored on `topic` (1 when nothing was ever deleted; 0 when none stored).
    public func firstSequence(topic: String) throws -> UInt64 {
        UInt64(bitPattern: try db.cached("SELECT COALESCE(MIN(seq), 0) FROM publications WHERE topic = ?").rows([.text(topic)]) { $0.int64(0) }[0])
    }
}

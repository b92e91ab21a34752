import Foundation
import HomewardStore
import Logging

extension CoordinatorService {
    /// Deletes request-id replies and published alert frames older than the
    /// retention (the last frame of each topic stays: numbering goes on from it).
    static func pruneRetention(store: SQLiteWriter, days: Int, logger: Logger) async {
        let cutoff = Int64(Date().timeIntervalSince1970) - Int64(days) * 86_400
        do {
            var pruned = CoordinatorStore.Pruned(replies: 0, publications: 0)
            // Small transactions: intake shares the writer thread.
            while true {
                let step = try await store.write { db in try CoordinatorStore(db).pruneRetention(olderThan: cutoff, limit: 5_000) }
                pruned.replies += step.replies
                pruned.publications += step.publications
                if step.replies < 5_000, step.publications < 5_000 { break }
            }
            if pruned.replies + pruned.publications > 0 {
                logger.info("retention: old records deleted", metadata: [
                    "replies": "\(pruned.replies)", "publications": "\(pruned.publications)", "days": "\(days)",
                ])
            }
        } catch {
            logger.error("retention: deleting old records failed", metadata: ["error": "\(error)"])
        }
        await sweepKeptPhotos(store: store, logger: logger)
    }
}

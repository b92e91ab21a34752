import Foundation
import HomewardStore
import Logging

extension CoordinatorService {
    /// Releases, keeps again and deletes kept photos (CoordinatorStore.sweepKeptPhotos),
    /// in the hourly retention pass; each photo carries the retention it was kept with.
    static func sweepKeptPhotos(store: SQLiteWriter, logger: Logger) async {
        let now = Int64(Date().timeIntervalSince1970)
        do {
            let sweep = try await store.write { db in try CoordinatorStore(db).sweepKeptPhotos(now: now) }
            if sweep.released + sweep.keptAgain + sweep.deleted > 0 {
                logger.info("retention: kept photos swept", metadata: [
                    "released": "\(sweep.released)", "kept_again": "\(sweep.keptAgain)", "deleted": "\(sweep.deleted)",
                ])
            }
        } catch {
            logger.error("retention: sweeping kept photos failed", metadata: ["error": "\(error)"])
        }
    }
}

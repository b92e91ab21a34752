import Dispatch
import Foundation
import HomewardBasics
import Metrics
import Synchronization

/// Runs database jobs on one dedicated thread, committing queued writes together.
///
/// Group commit: every job that is waiting when the thread wakes runs inside one
/// transaction, each under its own SAVEPOINT, so one failing job rolls back only
/// itself (nothing half-stored) while the others share a single fsync. A job's
/// caller is resumed only after the COMMIT returned: an acknowledgement sent
/// after `write` returns is durable. SQLite's blocking calls never run on
/// Swift's cooperative pool.
public final class SQLiteWriter: Sendable {
    /// A queued job: runs its body and hands back how to resume its caller, so
    /// the caller is resumed only after the transaction's COMMIT (or its failure).
    private struct Job: @unchecked Sendable {
        // Safety: `perform` touches the database only on the writer thread.
        let perform: (SQLiteDatabase) -> Outcome
        /// Resumes the caller with `error` without running the body.
        let fail: (any Error) -> Void
        let isWrite: Bool
    }

    private struct Outcome {
        let failed: Bool
        /// Resumes the caller; a non-nil error (the COMMIT failed) overrides the result.
        let resume: ((any Error)?) -> Void
    }

    private struct Queue: ~Copyable {
        var jobs: [Job] = []
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Upper bound on jobs per transaction, so one commit never grows without bound.
    public let maxBatch: Int
    /// COMMIT (the fsync) per group of jobs: `homeward_store_commit_seconds`.
    private let commitTimer = Metrics.Timer(label: "homeward_store_commit_seconds")
    /// Jobs per committed group: `homeward_store_commit_jobs`.
    private let batchJobs = Recorder(label: "homeward_store_commit_jobs")

    /// Opens (creating if needed) the database at `path`, applies `migrations`, and
    /// starts the writer thread.
    public init(path: String, migrations: [Migration], maxBatch: Int = 4096, keys: StoreKeys? = nil) throws {
        let database = try SQLiteDatabase(path: path)
        database.keys = keys
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;")
        try Migration.apply(migrations, to: database)
        self.maxBatch = maxBatch
        let box = UncheckedDatabase(database)
        try DedicatedThread.start(name: "homeward-sqlite") { [self] in self.loop(box.database) }
    }

    /// Runs `body` in the group-committed transaction; returns after COMMIT.
    ///
    /// `afterCommit` runs on the writer thread right after the COMMIT, in commit
    /// order, before the caller resumes: the place to hand messages to a socket
    /// loop when their order must follow the commit order (alert sequences).
    public func write<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
        afterCommit: (@Sendable (T) -> Void)? = nil
    ) async throws -> T {
        try await submit(body, isWrite: true, afterCommit: afterCommit)
    }

    /// Runs a read on the writer thread (it sees every committed write).
    public func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        try await submit(body, isWrite: false, afterCommit: nil)
    }

    /// Finishes queued jobs, then stops the thread and closes the database.
    public func close() {
        let alreadyStopping = queue.withLock { q in
            defer { q.stopping = true }
            return q.stopping
        }
        guard !alreadyStopping else { return }
        wake.signal()
        finished.wait()
    }

    deinit { close() }

    private func submit<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteDatabase) throws -> T, isWrite: Bool, afterCommit: (@Sendable (T) -> Void)?
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(perform: { db in
                let result = Result { try body(db) }
                let failed = if case .failure = result { true } else { false }
                return Outcome(failed: failed) { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else {
                        if case .success(let value) = result { afterCommit?(value) }
                        continuation.resume(with: result)
                    }
                }
            }, fail: { continuation.resume(throwing: $0) }, isWrite: isWrite)
            let accepted = queue.withLock { q -> Bool in
                guard !q.stopping else { return false }
                q.jobs.append(job)
                return true
            }
            if accepted { wake.signal() } else { continuation.resume(throwing: StoreError.closed) }
        }
    }

    private func loop(_ database: SQLiteDatabase) {
        while true {
            wake.wait()
            while true {
                let (batch, stopping) = queue.withLock { q -> ([Job], Bool) in
                    let n = min(q.jobs.count, maxBatch)
                    let batch = Array(q.jobs.prefix(n))
                    q.jobs.removeFirst(n)
                    return (batch, q.stopping)
                }
                if batch.isEmpty {
                    if stopping {
                        database.close()
                        finished.signal()
                        return
                    }
                    break
                }
                runBatch(batch, on: database)
            }
        }
    }

    private func runBatch(_ batch: [Job], on database: SQLiteDatabase) {
        do {
            try database.execute("BEGIN IMMEDIATE")
        } catch {
            for job in batch { job.fail(error) }
            return
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(batch.count)
        for job in batch {
            guard job.isWrite else {
                outcomes.append(job.perform(database))
                continue
            }
            do {
                try database.execute("SAVEPOINT job")
            } catch {
                job.fail(error)
                continue
            }
            let outcome = job.perform(database)
            // A failed job leaves nothing behind; the others in the batch still commit.
            if outcome.failed { try? database.execute("ROLLBACK TO job") }
            try? database.execute("RELEASE job")
            outcomes.append(outcome)
        }
        do {
            let started = DispatchTime.now().uptimeNanoseconds
            try database.execute("COMMIT")
            commitTimer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
            batchJobs.record(batch.count)
            for outcome in outcomes { outcome.resume(nil) }
        } catch {
            try? database.execute("ROLLBACK")
            for outcome in outcomes { outcome.resume(error) }
        }
    }
}

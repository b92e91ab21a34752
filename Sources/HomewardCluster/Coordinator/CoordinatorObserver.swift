import HomewardProtocol
import Logging
import Synchronization

/// Turns the coordinator's state, sampled every tick, into one log line per
/// change (a worker's state, a shard losing or regaining its last ready
/// replica, a burst of shedding starting and ending) and into `/ready`.
/// Only ids, shard names and counts are logged.
final class CoordinatorObserver: Sendable {
    private struct State {
        var workers: [String: String] = [:]
        var uncovered: Set<String> = []
        var first = true
        var shedInBurst = 0
        var shedSinceTick = 0
        var quietTicks = 0
    }

    private let state = Mutex(State())
    let logger: Logger
    let health: ServiceHealth
    /// A burst ends after this many ticks without a shed submission.
    static let quietTicksToEndBurst = 4

    init(logger: Logger, health: ServiceHealth) {
        self.logger = logger
        self.health = health
    }

    /// Every answered client request: metrics, and one log line per refused
    /// sighting (error code and field only: never the content, nor the
    /// client-chosen request id, which could say anything).
    func replied(isSubmission: Bool, reply: Homeward_V1_Reply, since start: ContinuousClock.Instant, metrics: CoordinatorMetrics) {
        metrics.replied(isSubmission: isSubmission, reply: reply, since: start)
        guard isSubmission, case .error(let error)? = reply.result, error.code != .retryLater else { return }
        logger.info("sighting refused", metadata: ["code": "\(CoordinatorMetrics.label(error.code))", "field": "\(error.field)"])
    }

    func shed() {
        let starts = state.withLock { s -> Bool in
            s.shedSinceTick += 1
            s.shedInBurst += 1
            return s.shedInBurst == 1
        }
        if starts { logger.warning("intake shedding: all intake slots in use, submissions answered RETRY_LATER") }
    }

    func observe(status: Homeward_V1_ClusterStatus, shardsWithoutReplica: [String], draining: Bool) {
        var lines: [(Logger.Level, Logger.Message, Logger.Metadata)] = []
        state.withLock { s in
            for w in status.workers {
                let now = CoordinatorMetrics.label(w.state)
                let before = s.workers[w.workerID]
                if before != now {
                    lines.append((now == "ready" || now == "syncing" ? .info : .warning, "worker state changed",
                                  ["worker": "\(w.workerID)", "from": "\(before ?? "none")", "to": "\(now)", "shards": "\(w.shards.count)"]))
                }
                s.workers[w.workerID] = now
            }
            let uncovered = Set(shardsWithoutReplica)
            for shard in uncovered.subtracting(s.uncovered).sorted() where !s.first {
                lines.append((.warning, "shard has no ready replica; its sightings wait", ["shard": "\(shard)"]))
            }
            for shard in s.uncovered.subtracting(uncovered).sorted() {
                lines.append((.info, "shard served again", ["shard": "\(shard)"]))
            }
            if s.first, !uncovered.isEmpty {
                lines.append((.info, "waiting for workers", ["shards_without_replica": "\(uncovered.count)"]))
            }
            s.first = false
            s.uncovered = uncovered
            if s.shedSinceTick == 0, s.shedInBurst > 0 {
                s.quietTicks += 1
                if s.quietTicks >= Self.quietTicksToEndBurst {
                    lines.append((.notice, "intake shedding ended", ["shed": "\(s.shedInBurst)"]))
                    s.shedInBurst = 0
                    s.quietTicks = 0
                }
            } else {
                s.quietTicks = 0
            }
            s.shedSinceTick = 0
        }
        for (level, message, metadata) in lines { logger.log(level: level, message, metadata: metadata) }
        health.set(draining ? ["draining"] : shardsWithoutReplica.sorted().map { "shard \($0) has no ready replica" })
    }
}

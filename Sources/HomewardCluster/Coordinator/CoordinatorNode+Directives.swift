import ClusterCore
import HomewardProtocol
import HomewardStore
import Logging

extension CoordinatorNode {
    /// Carries out the core's directives. Those that only hand frames to the
    /// socket loop run first, in order (a worker's stream before its requests);
    /// then those that wait for the store or the step-10 engine, each feeding
    /// its result back to the core and carrying out what that returns.
    func execute(_ directives: [CoordinatorDirective], cursors: [UInt32: Homeward_V1_ShardCursor] = [:]) async {
        var later: [CoordinatorDirective] = []
        for directive in directives {
            switch directive {
            case .reply(let ticket, let reply): tickets.deliver(ticket, .sighting(reply))
            case .caseFaces(let ticket, let outcomes): tickets.deliver(ticket, .caseFaces(outcomes))
            case .extract(let job, let worker, let photo): sendToWorker(worker, CoordinatorToWorker.extract(job: job, photo: photo))
            case .sendMatch(let send): sendToWorker(send.worker, CoordinatorToWorker.match(send, topK: matchConfig.topK))
            case .updateShard(let shard, let change, let workers):
                guard let update = streams.append(change, shard: shard) else { continue }
                for worker in workers { sendToWorker(worker, .update(update)) }
            case .syncShards(let worker, let shards):
                for shard in shards {
                    for update in streams.catchUp(shard: shard, cursor: cursors[shard] ?? .init(), cases: core.cases.values) {
                        sendToWorker(worker, .update(update))
                    }
                }
            case .heartbeat(let workers, let depth):
                let heartbeat = CoordinatorToWorker.heartbeat(sentAtMs: clock.unixMilliseconds(), queueDepth: depth)
                for worker in workers { sendToWorker(worker, heartbeat) }
            case .disconnect(let worker): sendToWorker(worker, CoordinatorToWorker.unknownWorker)
            case .log(let line):
                let level: Logger.Level = switch line.level { case .info: .info; case .warning: .warning; case .error: .error }
                logger.log(level: level, "\(line.message)", metadata: line.metadata.mapValues { .string($0) })
            case .storeSighting, .record, .markFailed, .rememberForNewCases:
                later.append(directive)
            }
        }
        // Every sighting to store goes in one job: one transaction, one wait.
        let stores = later.compactMap { if case .storeSighting(let s) = $0 { s } else { nil } }
        if !stores.isEmpty { await execute(storeSightings(stores)) }
        for directive in later {
            switch directive {
            case .record(let publications):
                do {
                    let fresh = try await publisher.record(publications)
                    await execute(core.recorded(batch: publications.batch, newAlerts: fresh, now: now))
                } catch {
                    await execute(core.notRecorded(batch: publications.batch, error: "\(error)", now: now))
                }
            case .markFailed(let id, let reason):
                do { try await store.write { [at = clock.unixSeconds()] db in try CoordinatorStore(db).markFailed(id, reason: reason, at: at) } } catch {
                    logger.error("marking a sighting failed did not store", metadata: ["sighting": "\(id)", "error": "\(error)"])
                }
            case .rememberForNewCases(let features):
                do { try await sightingEngine.storeSighting(features) } catch {
                    core.countNewCaseIndexError()
                    logger.error("a stored sighting could not join the step-10 engine", metadata: ["sighting": "\(features.id)", "error": "\(error)"])
                }
                await execute(core.remembered(features.id, now: now))
            default: break
            }
        }
    }

    /// Writes each sighting with its reply (unless its request id was answered
    /// before) in one store job, each under its own savepoint: one that fails
    /// leaves nothing behind and the others are stored. Feeds each outcome to the core.
    func storeSightings(_ list: [CoordinatorDirective.StoreSighting]) async -> [CoordinatorDirective] {
        let outcomes = await SightingRow.write(list.map(SightingRow.init), to: store, keepDays: config.coordinator.photoRetentionDays)
        var directives: [CoordinatorDirective] = []
        for (s, outcome) in zip(list, outcomes) {
            switch outcome {
            case .stored: directives += core.sightingStored(s.id, now: now)
            case .earlier(let reply): directives += core.sightingStoredEarlier(s.id, reply: reply)
            case .failed(let error): directives += core.sightingNotStored(s.id, error: error)
            }
        }
        return directives
    }

    func sendToWorker(_ worker: WorkerID, _ message: WorkerMessage) {
        outbox.toWorker(Frames.join(route: [Array(worker.rawValue.utf8)], body: WorkerCodec.encode(message)))
    }
}

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
        for directive in later {
            switch directive {
            case .storeSighting(let s): await execute(storeSighting(s))
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

    /// Writes a sighting and its reply in one transaction, unless its request id was answered before.
    func storeSighting(_ s: CoordinatorDirective.StoreSighting) async -> [CoordinatorDirective] {
        let record = ClientMapping.record(s), replyBytes = Frames.serialize(try! ClientMapping.reply(s.reply, requestID: s.requestID))
        let requestID = s.requestID, at = s.draft.receivedAt, keepDays = config.coordinator.photoRetentionDays
        let photo = s.repostOf == nil ? s.draft.photo : nil   // kept for review (issue 15); a repost's is its original's
        do {
            let earlier = try await store.write { db -> [UInt8]? in
                let store = CoordinatorStore(db)
                if let earlier = try store.reply(forRequest: requestID) { return earlier }
                try store.insertSighting(record)
                if let photo { try store.keepSightingPhoto(sightingID: s.id, photo: photo, keepDays: keepDays, at: at) }
                try store.saveReply(replyBytes, forRequest: requestID, at: at)
                return nil
            }
            if let earlier { return core.sightingStoredEarlier(s.id, reply: earlier) }
            return core.sightingStored(s.id, now: now)
        } catch {
            return core.sightingNotStored(s.id, error: "\(error)")
        }
    }

    func sendToWorker(_ worker: WorkerID, _ message: WorkerMessage) {
        outbox.toWorker(Frames.join(route: [Array(worker.rawValue.utf8)], body: WorkerCodec.encode(message)))
    }
}

import ClusterActors
import ClusterCore
import HomewardProtocol
import Logging
import PhotoPipeline
import ZeroMQ

/// Runs a worker: connects a DEALER (routing id = worker id) to the
/// coordinator, registers, applies its shards' update stream and serves match
/// requests until cancelled. If the coordinator falls silent for longer than
/// the dead-after time, the worker registers again with backoff (ZeroMQ
/// reconnects the TCP connection by itself). A drain (`DrainSignal`, SIGTERM
/// in the executable) sends DISCONNECT, so the coordinator moves this worker's
/// shards to their replicas at once instead of after the dead-after time.
public struct WorkerService: Sendable {
    public let id: WorkerID
    public let config: ClusterConfig
    public let matchersPerShard: Int
    /// dlib face extractors (one model copy each, one core each); 0 disables extraction.
    public let extractors: Int
    public let logger: Logger
    /// What `/ready` reports: models loaded, registered, every shard's snapshot complete.
    public let health = ServiceHealth()
    /// This worker's key and the coordinator's public key (`.client`); nil in plain-text mode.
    public var curve: ZMQCurveRole?

    public init(id: WorkerID, config: ClusterConfig, matchersPerShard: Int, extractors: Int = 1, logger: Logger) {
        self.id = id
        self.config = config
        self.matchersPerShard = matchersPerShard
        self.extractors = extractors
        self.logger = logger
    }

    public func run(drain: DrainSignal = DrainSignal()) async throws {
        let checked = try await withThrowingTaskGroup(of: Bool.self) { group in
            // A drain while still waiting for the coordinator ends the wait.
            group.addTask { await drain.wait(); return false }
            group.addTask { try await checkAssignment(); return true }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        guard checked else {
            logger.notice("worker stopped before registering", metadata: ["worker": "\(id)"])
            return
        }
        let loop = try ZMQSocketLoop(name: "worker-\(id.rawValue)", pendingLimit: 100_000)
        do {
            try await serve(loop, drain: drain)
        } catch is WorkerDrained {
            await loop.shutdown()
            return
        } catch {
            await loop.shutdown()
            throw error
        }
        await loop.shutdown()
    }

    /// Asks the coordinator's `ClusterDirectory` (a distributed actor, over the
    /// ZeroMQ actor system) for this worker's assignment, and refuses to start
    /// when the coordinator's matching config differs from ours. Waits for a
    /// coordinator that is not up yet, with backoff.
    func checkAssignment() async throws {
        var control = ClusterActorSystem.Configuration()
        if case .client(let keys, let coordinatorKey)? = curve {
            // Calls out with the worker key; its own ROUTER admits nobody (empty allow-list).
            control.curve = ClusterActorSystem.Curve(serverKeys: keys, authenticator: ZAPAuthenticator(), clientKeys: keys,
                                                     peerServerKey: { _ in coordinatorKey })
        }
        let actors = try await ClusterActorSystem.start(control)
        let directory = try ClusterDirectory.resolve(
            id: ClusterActorID(node: config.coordinator.controlEndpoint, name: ClusterDirectory.actorName), using: actors)
        var backoff = Duration.milliseconds(100)
        while true {
            do {
                let assignment = try await directory.assignment(worker: id.rawValue)
                await actors.shutdown()
                guard assignment.configDigest == config.matchingDigest else {
                    throw WorkerStartError(description: "this worker's cluster config (matching settings, workers or shards) differs from the coordinator's; start both from the same config")
                }
                logger.info("worker assignment checked", metadata: ["worker": "\(id)", "shards": "\(assignment.shards.joined(separator: ","))"])
                return
            } catch let error as DirectoryError {
                await actors.shutdown()
                throw WorkerStartError(description: error.message)
            } catch let error as WorkerStartError {
                throw error
            } catch {
                // Not reachable yet (coordinator starting): try again.
                logger.debug("coordinator directory not reachable yet", metadata: ["error": "\(error)"])
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(2))
            }
        }
    }

    private func serve(_ loop: ZMQSocketLoop, drain: DrainSignal) async throws {
        var options = ZMQSocketOptions(sendHighWaterMark: 100_000, receiveHighWaterMark: 2_000_000)
        // Up to a second at close for what is still queued: the DISCONNECT of a drain.
        options.lingerMs = 1_000
        options.routingID = Array(id.rawValue.utf8)
        options.reconnectIntervalMs = 100
        options.reconnectIntervalMaxMs = 2_000
        options.curve = curve
        let socket = try await loop.open(.dealer, options: options, connect: [config.coordinator.workerEndpoint], delivery: .inbox(limit: 2_000_000))
        let node = try WorkerNode(id: id, config: config, matchersPerShard: matchersPerShard, logger: logger) { frames in
            loop.send(frames, on: socket.id) { _ in }
        }
        // Load the face models before registering: heartbeats start with READY.
        let extractor = FaceExtractionWorker(size: extractors, logger: logger)
        let modelsMissing = extractors > 0 && extractor.pool == nil
        loop.send(await node.readyMessage(), on: socket.id)
        logger.info("worker registering", metadata: ["worker": "\(id)", "coordinator": "\(config.coordinator.workerEndpoint)"])
        let interval = Duration.milliseconds(config.heartbeat.intervalMilliseconds)
        let deadAfter = Duration.milliseconds(config.heartbeat.deadAfterMilliseconds)
        // Bounded: a photo that finds the queue full is answered BUSY at once,
        // and the coordinator tries another worker (back-pressure to intake).
        let (photos, photoQueue) = AsyncStream<Homeward_V1_ExtractFaces>.makeStream(
            bufferingPolicy: .bufferingOldest(max(1, extractors) * FaceExtractionWorker.waitingPerExtractor))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                // One message at a time, in order: updates before the requests sent after them.
                // Photos go to the extractors beside this loop.
                for await message in socket.inbox! {
                    if let job = WorkerNode.extractJob(message.frames) {
                        if case .dropped = photoQueue.yield(job) {
                            loop.send(Frames.join(body: WorkerCodec.encode(.extracted(FaceExtractionWorker.busy(job)))), on: socket.id) { _ in }
                        }
                    } else {
                        await node.handle(message.frames)
                    }
                }
                photoQueue.finish()
            }
            for _ in 0..<max(1, extractors) {
                group.addTask {
                    for await job in photos {
                        let started = ContinuousClock.now
                        let reply = await extractor.answer(job)
                        node.metrics.extracted(took: ContinuousClock.now - started)
                        loop.send(Frames.join(body: WorkerCodec.encode(.extracted(reply))), on: socket.id) { _ in }
                    }
                }
            }
            group.addTask {
                var watch = CoordinatorWatch(deadAfter: deadAfter, now: node.clock.monotonic())
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    loop.send(await node.heartbeatMessage(), on: socket.id)
                    let reasons = await node.notReadyReasons()
                    health.set((modelsMissing ? ["face models not loaded"] : []) + reasons)
                    await node.prepareLayouts()
                    node.metrics.update(caseCounts: await node.caseCounts())
                    if watch.shouldRegisterAgain(now: node.clock.monotonic(), lastHeard: await node.lastHeardFromCoordinator) {
                        logger.warning("coordinator silent; registering again", metadata: ["worker": "\(id)"])
                        loop.send(await node.readyMessage(), on: socket.id)
                    }
                }
            }
            group.addTask {
                await drain.wait()
                guard !Task.isCancelled else { return }
                health.set(["draining"])
                var bye = Homeward_V1_Disconnect()
                bye.reason = .shutdown
                try? await loop.sendConfirmed(Frames.join(body: WorkerCodec.encode(.disconnect(bye))), on: socket.id)
                logger.notice("worker leaving: DISCONNECT sent, its shards move to their replicas", metadata: ["worker": "\(id)"])
                throw WorkerDrained()
            }
        }
    }
}

import ClusterActors
import ClusterCore
import Foundation
import GeoIndex
import HomewardProtocol
import HomewardSecurity
import HomewardStore
import Logging
import ZeroMQ

/// Runs a coordinator: opens the store, binds the client, alert and worker
/// sockets on one socket-loop thread, recovers, and serves until cancelled.
///
/// Structured concurrency: the inbox consumers and the ticker are child tasks
/// of `run()`; cancelling `run()` stops them, then the loop and the store.
/// A drain (`DrainSignal`, SIGTERM in the executable) refuses new requests,
/// waits for in-flight ones and for every acknowledged sighting to be matched
/// and published, up to `coordinator.drainTimeoutMilliseconds`, then returns.
public struct CoordinatorService: Sendable {
    public let config: ClusterConfig
    public let databasePath: String
    public let provinces: ProvinceLocator
    public let logger: Logger
    /// Where the key files and the allow-list are (from the config file's
    /// folder); needed unless the config runs in plain text.
    public var securityPaths: SecurityPaths?
    /// Called once the sockets are bound, with the endpoints actually bound.
    public var onReady: @Sendable (_ client: String, _ alerts: String, _ workers: String, _ control: String) -> Void = { _, _, _, _ in }
    /// What `/ready` reports: store open and every shard with a ready replica.
    public let health = ServiceHealth()

    public init(config: ClusterConfig, databasePath: String, provinces: ProvinceLocator, logger: Logger) {
        self.config = config
        self.databasePath = databasePath
        self.provinces = provinces
        self.logger = logger
    }

    public func run(drain: DrainSignal = DrainSignal()) async throws {
        // Refuse before anything is opened: no keys, or plain text off loopback.
        let security = try CoordinatorSecurity(config: config, paths: securityPaths)
        if security.serverKeys == nil {
            logger.warning("plain text: no CURVE, no keys, no access control (loopback only)")
        }
        try FileManager.default.createDirectory(atPath: (databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // The data key seals personal data and keys the audit chain (docs/security.md).
        let keys = try securityPaths.map { try StoreKeys.load(path: $0.dataKey) }
        let store = try SQLiteWriter(path: databasePath, migrations: CoordinatorSchema.migrations, keys: keys)
        defer { store.close() }
        let loop = try ZMQSocketLoop(name: "coordinator", pendingLimit: 1_000_000)
        var control = ClusterActorSystem.Configuration()
        control.bind = config.coordinator.controlEndpoint
        control.curve = security.control
        let actors: ClusterActorSystem
        do {
            actors = try await ClusterActorSystem.start(control)
        } catch {
            await loop.shutdown()
            throw error
        }
        do {
            try await serve(store: store, loop: loop, actors: actors, security: security, drain: drain)
        } catch {
            await actors.shutdown()
            await loop.shutdown()
            throw error
        }
        await actors.shutdown()
        await loop.shutdown()
    }

    private func serve(store: SQLiteWriter, loop: ZMQSocketLoop, actors: ClusterActorSystem, security: CoordinatorSecurity, drain: DrainSignal) async throws {
        let config = self.config
        // The actor system holds actors weakly: this reference keeps the directory alive while serving.
        let directory = actors.makeActor(named: ClusterDirectory.actorName) { ClusterDirectory(actorSystem: actors, config: config) }
        defer { withExtendedLifetime(directory) {} }
        let limits = ProtocolLimits.v1
        // ZAP first: a CURVE server socket of this context asks it about every handshake.
        if security.serverKeys != nil { try await loop.serveZAP(security.access.authenticator) }
        // Bounded buffers: what the intake slots do not take waits in libzmq (per
        // client connection) and then pushes back on the client over TCP.
        var clientOptions = ZMQSocketOptions(sendHighWaterMark: 100_000, receiveHighWaterMark: 10_000)
        clientOptions.maxMessageSize = Int64(limits.maxFrameBytes * 2)
        security.secure(&clientOptions, domain: "clients")
        let client = try await loop.open(.router, options: clientOptions, bind: [config.coordinator.clientEndpoint], delivery: .inbox(limit: 2_000))
        var workerOptions = ZMQSocketOptions(sendHighWaterMark: 2_000_000, receiveHighWaterMark: 1_000_000)
        workerOptions.routerMandatory = true
        workerOptions.maxMessageSize = Int64(limits.maxFrameBytes * 2)
        security.secure(&workerOptions, domain: "workers")
        let workers = try await loop.open(.router, options: workerOptions, bind: [config.coordinator.workerEndpoint], delivery: .inbox(limit: 100_000))
        // Per subscriber: one that stops reading loses alerts past this many (and
        // catches up from the store by sequence number); the others are not held up.
        // XPUB_MANUAL: the gate subscribes each subscriber to the topics its key allows.
        var alertOptions = ZMQSocketOptions(sendHighWaterMark: 100_000, receiveHighWaterMark: 1_000)
        alertOptions.xpubManual = true
        alertOptions.maxMessageSize = 1_024
        security.secure(&alertOptions, domain: "alerts")
        let alertSocketOptions = alertOptions
        let logger = self.logger
        let metrics = CoordinatorMetrics()
        let observer = CoordinatorObserver(logger: logger, health: health)
        let gate = AlertGate(access: security.access, logger: logger)
        let alerts = try await loop.open(.xpub, options: alertOptions, bind: [config.coordinator.alertsEndpoint],
                                         delivery: .handler { gate.handle($0, $1, $2) })
        gate.use(alerts.id)
        var wiring = CoordinatorOutbox(
            toClient: { loop.send($0, on: client.id) { if case .failure(let e) = $0 { logger.debug("reply not delivered", metadata: ["error": "\(e)"]) } } },
            // An unreachable worker is noticed by heartbeats; the send error adds nothing.
            toWorker: { loop.send($0, on: workers.id) { _ in } },
            publish: { frames in
                metrics.published(frames)
                if let id = gate.socket { loop.send(frames, on: id) { _ in } }
            })
        wiring.observeReply = { observer.replied(isSubmission: $0, reply: $1, since: $2, metrics: metrics) }
        let outbox = wiring
        let provinces = self.provinces
        let node = try CoordinatorNode(config: config, store: store, outbox: outbox, access: security.access, logger: logger) { provinces.locate($0).map { String($0.code) } }
        try await node.recover()
        onReady(client.boundEndpoints.first ?? "", alerts.boundEndpoints.first ?? "", workers.boundEndpoints.first ?? "", actors.endpoint)
        logger.info("coordinator serving", metadata: ["clients": "\(client.boundEndpoints)", "workers": "\(workers.boundEndpoints)"])
        let interval = Duration.milliseconds(config.heartbeat.intervalMilliseconds)
        let slots = IntakeSlots(capacity: config.coordinator.intakeSlots)
        let draining = DrainFlag()
        try await withThrowingTaskGroup(of: Void.self) { outer in
            outer.addTask {
                try await serveUntilCancelled(node: node, actors: actors, client: client, workers: workers, outbox: outbox,
                                              slots: slots, draining: draining, observer: observer, metrics: metrics, store: store, interval: interval,
                                              alertSocket: AlertSocket(loop: loop, gate: gate, socket: alerts, options: alertSocketOptions),
                                              security: security)
            }
            outer.addTask {
                await drain.wait()
                guard !Task.isCancelled else { return }
                await drainNode(node, slots: slots, draining: draining)
            }
            // Either the drain finished (stop serving) or serving failed (rethrown here).
            try await outer.next()
            outer.cancelAll()
        }
    }

    /// Refuses new requests, then waits for the intake slots to empty and for
    /// every acknowledged sighting to be matched and published (or the bound).
    private func drainNode(_ node: CoordinatorNode, slots: IntakeSlots, draining: DrainFlag) async {
        draining.set()
        health.set(["draining"])
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(config.coordinator.drainTimeoutMilliseconds)
        var unfinished = await CoordinatorOps.unfinishedSightings(node)
        logger.notice("coordinator draining: new requests get RETRY_LATER", metadata: [
            "in_flight_requests": "\(slots.count)", "unfinished_sightings": "\(unfinished)",
        ])
        while ContinuousClock.now < deadline, !Task.isCancelled {
            unfinished = await CoordinatorOps.unfinishedSightings(node)
            if slots.count == 0, unfinished == 0 { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        let took = ContinuousClock.now - started
        if slots.count == 0, unfinished == 0 {
            logger.notice("coordinator drained", metadata: ["ms": "\(took.components.seconds * 1000 + took.components.attoseconds / 1_000_000_000_000_000)"])
        } else {
            // Nothing acknowledged is lost: unmatched sightings stay in the store and are queued again at the next start.
            logger.warning("drain bound reached; stopping with work left for the next start", metadata: [
                "in_flight_requests": "\(slots.count)", "unfinished_sightings": "\(unfinished)",
            ])
        }
    }

    private func serveUntilCancelled(
        node: CoordinatorNode, actors: ClusterActorSystem, client: ZMQOpenedSocket, workers: ZMQOpenedSocket, outbox: CoordinatorOutbox,
        slots: IntakeSlots, draining: DrainFlag, observer: CoordinatorObserver, metrics: CoordinatorMetrics,
        store: SQLiteWriter, interval: Duration, alertSocket: AlertSocket, security: CoordinatorSecurity
    ) async throws {
        let gate = alertSocket.gate
        let config = self.config
        let logger = self.logger
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await actors.run() }
            group.addTask {
                // Each request is its own child task so that requests waiting for
                // the store share its group commit instead of queueing behind it;
                // at most `intakeSlots` at once (back-pressure: docs/failures.md).
                // Embedding-only submissions are decoded here and answered in
                // batches (`SubmissionBatch`).
                let batch = SubmissionBatch(), limits = node.requestValidator.limits
                let intake = SubmissionIntake(validator: node.requestValidator, access: node.access, operatorRequests: node.operatorRequests,
                                              vocabulary: node.vocabulary, locateProvince: node.locateProvince, clock: node.clock,
                                              outbox: node.outbox, logger: node.logger)
                await withDiscardingTaskGroup { requests in
                    for await message in client.inbox! {
                        if draining.isSet, let refusal = DrainRefusal.reply(to: message.frames) {
                            metrics.shed(reason: "draining")
                            outbox.toClient(refusal)
                            continue
                        }
                        if let shed = IntakeShedding.admit(message.frames, slots: slots, urgentAreas: node.urgentAreas) {
                            metrics.shed(reason: "intake_slots")
                            observer.shed()
                            outbox.toClient(shed)
                            continue
                        }
                        let received = ContinuousClock.now
                        if let submission = DecodedSubmission.decode(message.frames, userID: message.userID, limits: limits, receivedAt: received) {
                            guard batch.append(submission) else { continue }
                            requests.addTask {
                                let taken = batch.takeAll()
                                await intake.handle(taken, node: node)
                                slots.release(taken.count)
                            }
                            continue
                        }
                        requests.addTask {
                            await node.handleClient(message.frames, userID: message.userID, receivedAt: received)
                            slots.release()
                        }
                    }
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { messages in
                    for await message in workers.inbox! { messages.addTask { await node.handleWorker(message.frames, userID: message.userID) } }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await node.tick()
                    let ops = await CoordinatorOps.read(node, now: WallClock.system.unixSeconds())
                    metrics.update(status: ops.status, intakeInUse: slots.count, draining: draining.isSet)
                    observer.observe(status: ops.status, shardsWithoutReplica: ops.shardsWithoutReadyReplica, draining: draining.isSet)
                }
            }
            group.addTask {
                // Retention: at start, then every hour (docs/operations.md).
                while !Task.isCancelled {
                    await Self.pruneRetention(store: store, days: config.coordinator.retentionDays, logger: logger)
                    try await Task.sleep(for: .seconds(3_600))
                }
            }
            group.addTask {
                for await refusal in gate.refusals {
                    await node.access.audit(actor: refusal.name, role: refusal.role, action: "refused", subject: "subscribe-alerts",
                                     reason: "topic \(refusal.topic) is outside the key's provinces or role")
                }
            }
            if security.serverKeys != nil {
                let revoked = RevokedConnections(loop: alertSocket.loop, client: client, workers: workers, alerts: alertSocket,
                                                 actors: actors, node: node, logger: logger)
                group.addTask {
                    try await AllowListWatcher(access: security.access, logger: logger).run { change in
                        await node.accessChanged(change)
                        await revoked.drop(domains: change.droppedDomains)
                    }
                }
            }
        }
        gate.finish()
    }
}

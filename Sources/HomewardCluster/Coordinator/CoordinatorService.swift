import ClusterActors
import ClusterCore
import Foundation
import GeoIndex
import HomewardProtocol
import HomewardStore
import Logging
import ZeroMQ

/// Runs a coordinator: opens the store, binds the client, alert and worker
/// sockets on one socket-loop thread, recovers, and serves until cancelled.
///
/// Structured concurrency: the inbox consumers and the ticker are child tasks
/// of `run()`; cancelling `run()` stops them, then the loop and the store.
public struct CoordinatorService: Sendable {
    public let config: ClusterConfig
    public let databasePath: String
    public let provinces: ProvinceLocator
    public let logger: Logger
    /// Called once the sockets are bound, with the endpoints actually bound.
    public var onReady: @Sendable (_ client: String, _ alerts: String, _ workers: String, _ control: String) -> Void = { _, _, _, _ in }

    public init(config: ClusterConfig, databasePath: String, provinces: ProvinceLocator, logger: Logger) {
        self.config = config
        self.databasePath = databasePath
        self.provinces = provinces
        self.logger = logger
    }

    public func run() async throws {
        try FileManager.default.createDirectory(atPath: (databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try SQLiteWriter(path: databasePath, migrations: CoordinatorSchema.migrations)
        defer { store.close() }
        let loop = try ZMQSocketLoop(name: "coordinator", pendingLimit: 1_000_000)
        var control = ClusterActorSystem.Configuration()
        control.bind = config.coordinator.controlEndpoint
        let actors: ClusterActorSystem
        do {
            actors = try await ClusterActorSystem.start(control)
        } catch {
            await loop.shutdown()
            throw error
        }
        do {
            try await serve(store: store, loop: loop, actors: actors)
        } catch {
            await actors.shutdown()
            await loop.shutdown()
            throw error
        }
        await actors.shutdown()
        await loop.shutdown()
    }

    private func serve(store: SQLiteWriter, loop: ZMQSocketLoop, actors: ClusterActorSystem) async throws {
        let config = self.config
        // The actor system holds actors weakly: this reference keeps the directory alive while serving.
        let directory = actors.makeActor(named: ClusterDirectory.actorName) { ClusterDirectory(actorSystem: actors, config: config) }
        defer { withExtendedLifetime(directory) {} }
        let limits = ProtocolLimits.v1
        // Bounded buffers: what the intake slots do not take waits in libzmq (per
        // client connection) and then pushes back on the client over TCP.
        var clientOptions = ZMQSocketOptions(sendHighWaterMark: 100_000, receiveHighWaterMark: 10_000)
        clientOptions.maxMessageSize = Int64(limits.maxFrameBytes * 2)
        let client = try await loop.open(.router, options: clientOptions, bind: [config.coordinator.clientEndpoint], delivery: .inbox(limit: 2_000))
        var workerOptions = ZMQSocketOptions(sendHighWaterMark: 2_000_000, receiveHighWaterMark: 1_000_000)
        workerOptions.routerMandatory = true
        workerOptions.maxMessageSize = Int64(limits.maxFrameBytes * 2)
        let workers = try await loop.open(.router, options: workerOptions, bind: [config.coordinator.workerEndpoint], delivery: .inbox(limit: 100_000))
        // Per subscriber: one that stops reading loses alerts past this many (and
        // catches up from the store by sequence number); the others are not held up.
        let alerts = try await loop.open(.pub, options: ZMQSocketOptions(sendHighWaterMark: 100_000, receiveHighWaterMark: 1_000), bind: [config.coordinator.alertsEndpoint])
        let logger = self.logger
        let outbox = CoordinatorOutbox(
            toClient: { loop.send($0, on: client.id) { if case .failure(let e) = $0 { logger.debug("reply not delivered", metadata: ["error": "\(e)"]) } } },
            // An unreachable worker is noticed by heartbeats; the send error adds nothing.
            toWorker: { loop.send($0, on: workers.id) { _ in } },
            publish: { loop.send($0, on: alerts.id) { _ in } })
        let provinces = self.provinces
        let node = try CoordinatorNode(config: config, store: store, outbox: outbox, logger: logger) { provinces.locate($0).map { String($0.code) } }
        try await node.recover()
        onReady(client.boundEndpoints.first ?? "", alerts.boundEndpoints.first ?? "", workers.boundEndpoints.first ?? "", actors.endpoint)
        logger.info("coordinator serving", metadata: ["clients": "\(client.boundEndpoints)", "workers": "\(workers.boundEndpoints)"])
        let interval = Duration.milliseconds(config.heartbeat.intervalMilliseconds)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await actors.run() }
            group.addTask {
                // Each request is its own child task so that requests waiting for
                // the store share its group commit instead of queueing behind it;
                // at most `intakeSlots` at once (back-pressure: docs/failures.md).
                let slots = IntakeSlots(capacity: config.coordinator.intakeSlots)
                await withDiscardingTaskGroup { requests in
                    for await message in client.inbox! {
                        if let shed = IntakeShedding.admit(message.frames, slots: slots, urgentAreas: node.urgentAreas) {
                            outbox.toClient(shed)
                            continue
                        }
                        requests.addTask {
                            await node.handleClient(message.frames)
                            slots.release()
                        }
                    }
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { messages in
                    for await message in workers.inbox! { messages.addTask { await node.handleWorker(message.frames) } }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await node.tick()
                }
            }
        }
    }
}

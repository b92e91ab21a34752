import Distributed
import Synchronization
import ZeroMQ

/// A `DistributedActorSystem` over ZeroMQ. Each node has one socket loop
/// thread owning a ROUTER (incoming calls) and one DEALER per peer node
/// (outgoing calls); remote calls are request/reply frames (see `ClusterWire`)
/// with binary-encoded arguments. Start with `start(_:)`, run `run()` in a task
/// to serve incoming calls, end with `shutdown()`.
public final class ClusterActorSystem: DistributedActorSystem, Sendable {
    public typealias ActorID = ClusterActorID
    public typealias SerializationRequirement = Codable
    public typealias InvocationEncoder = ClusterInvocationEncoder
    public typealias InvocationDecoder = ClusterInvocationDecoder
    public typealias ResultHandler = ClusterResultHandler

    /// Name for the next actor created in this task (see `makeActor(named:_:)`).
    @TaskLocal public static var actorName: String?
    /// Deadline for remote calls made in this task; inside a served call it is
    /// the caller's remaining budget, so nested calls inherit it.
    @TaskLocal public static var callTimeout: Duration?

    /// This node's endpoint, as written in its actors' ids.
    public let endpoint: String
    /// Where the ROUTER listens, as bound (a `*` port resolved).
    let boundEndpoint: String
    public let configuration: Configuration
    let loop: ZMQSocketLoop
    let router: ZMQSocketID
    let inbox: ZMQInbox
    let registry = ActorRegistry()
    let pending = PendingCalls()
    /// Peer node endpoint → its DEALER. Read and written on the loop thread only.
    let peers = Mutex<[String: ZMQSocketID]>([:])
    private let counters = Mutex<(requestID: UInt64, actorNumber: UInt64)>((0, 0))

    private init(configuration: Configuration, loop: ZMQSocketLoop, router: ZMQOpenedSocket) {
        self.configuration = configuration
        self.loop = loop
        self.router = router.id
        self.inbox = router.inbox!
        self.boundEndpoint = router.boundEndpoints[0]
        self.endpoint = configuration.advertisedEndpoint ?? router.boundEndpoints[0]
    }

    /// Starts the node: its loop thread, ZAP handler (with CURVE), ROUTER and deadline sweep.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> ClusterActorSystem {
        let loop = try ZMQSocketLoop(name: "actors", onError: configuration.onTransportError)
        do {
            var options = ZMQSocketOptions(
                sendHighWaterMark: configuration.highWaterMark, receiveHighWaterMark: configuration.highWaterMark)
            options.routerMandatory = true
            options.maxMessageSize = configuration.maxMessageSize
            options.heartbeat = configuration.heartbeat
            if let curve = configuration.curve {
                try await loop.serveZAP(curve.authenticator)
                options.curve = .server(curve.serverKeys)
                options.zapDomain = curve.zapDomain
            }
            let router = try await loop.open(
                .router, options: options, bind: [configuration.bind],
                delivery: .inbox(limit: configuration.incomingQueueLimit))
            let system = ClusterActorSystem(configuration: configuration, loop: loop, router: router)
            let pending = system.pending
            _ = try await loop.addTimer(every: configuration.deadlineSweepInterval) { _ in
                pending.expire(nowNs: ZMQLoopContext.nowNs())
            }
            return system
        } catch {
            await loop.shutdown()
            throw error
        }
    }

    /// Fails calls in flight with `.systemShutDown`, stops the loop thread
    /// (closing every socket) and ends `run()`. Idempotent.
    public func shutdown() async {
        pending.close()
        await loop.shutdown()
    }

    /// Drops every connection to this node's ROUTER and listens again (see
    /// `ZMQSocketLoop.rebind`): peers reconnect through the CURVE handshake and
    /// ZAP, so a key revoked since its handshake cannot come back. A call in
    /// flight on a dropped connection gets no reply (its caller's deadline ends it).
    public func dropIncomingConnections() async throws(ZMQError) {
        try await loop.rebind(router, endpoint: boundEndpoint)
    }

    /// Creates an actor with a chosen, stable name (`shard-BE-1`), so other
    /// nodes can address it as `ClusterActorID(node:name:)` without a lookup.
    public func makeActor<Act: DistributedActor>(named name: String, _ make: () throws -> Act) rethrows -> Act
    where Act.ID == ActorID {
        try Self.$actorName.withValue(name, operation: make)
    }

    /// Names of the live local actors.
    public var localActorNames: [String] { registry.names }

    /// Calls waiting for a reply (for tests and metrics).
    public var callsInFlight: Int { pending.count }

    // MARK: DistributedActorSystem

    public func assignID<Act>(_ actorType: Act.Type) -> ActorID where Act: DistributedActor, Act.ID == ActorID {
        if let name = Self.actorName { return ActorID(node: endpoint, name: name) }
        let n = counters.withLock { $0.actorNumber += 1; return $0.actorNumber }
        return ActorID(node: endpoint, name: "$\(n)")
    }

    public func actorReady<Act>(_ actor: Act) where Act: DistributedActor, Act.ID == ActorID {
        registry.insert(actor.id.name, actor)
    }

    public func resignID(_ id: ActorID) {
        registry.remove(id.name)
    }

    public func resolve<Act>(id: ActorID, as actorType: Act.Type) throws -> Act?
    where Act: DistributedActor, Act.ID == ActorID {
        guard id.node == endpoint else { return nil }  // remote: the runtime makes a proxy
        guard let actor = registry.lookup(id.name) else { throw ClusterCallError.actorNotFound(id) }
        guard let typed = actor as? Act else {
            throw ClusterCallError.badMessage("actor \(id) is a \(type(of: actor)), not a \(Act.self)")
        }
        return typed
    }

    public func makeInvocationEncoder() -> InvocationEncoder { ClusterInvocationEncoder() }

    func nextRequestID() -> UInt64 {
        counters.withLock { $0.requestID += 1; return $0.requestID }
    }
}

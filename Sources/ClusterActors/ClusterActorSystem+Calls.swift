import Distributed
import ZeroMQ

extension ClusterActorSystem {
    public func remoteCall<Act, Err, Res>(
        on actor: Act, target: RemoteCallTarget, invocation: inout InvocationEncoder,
        throwing: Err.Type, returning: Res.Type
    ) async throws -> Res where Act: DistributedActor, Act.ID == ActorID, Err: Error, Res: Codable {
        switch try await call(actor.id, target: target, invocation: invocation) {
        case .value(let bytes):
            do {
                return try BinaryDecoder.decode(Res.self, from: bytes, userInfo: [.actorSystemKey: self])
            } catch {
                throw ClusterCallError.badMessage("reply of \(target.identifier) is not a \(Res.self): \(error)")
            }
        case .void:
            throw ClusterCallError.badMessage("\(target.identifier) returned nothing, expected a \(Res.self)")
        case .error(let code, let type, let message, let payload):
            throw Self.rebuild(code, type, message, payload, actor: actor.id, target: target.identifier)
        }
    }

    public func remoteCallVoid<Act, Err>(
        on actor: Act, target: RemoteCallTarget, invocation: inout InvocationEncoder, throwing: Err.Type
    ) async throws where Act: DistributedActor, Act.ID == ActorID, Err: Error {
        switch try await call(actor.id, target: target, invocation: invocation) {
        case .void, .value:
            return
        case .error(let code, let type, let message, let payload):
            throw Self.rebuild(code, type, message, payload, actor: actor.id, target: target.identifier)
        }
    }

    /// Sends one call and waits for its reply, its deadline, cancellation or shutdown.
    func call(_ actor: ActorID, target: RemoteCallTarget, invocation: InvocationEncoder) async throws -> ClusterWire.Reply {
        let timeout = Self.callTimeout ?? configuration.defaultCallTimeout
        let timeoutMs = max(1, min(Int64(UInt32.max), timeout.milliseconds))
        let id = nextRequestID()
        let frames = ClusterWire.Request(
            requestID: id, timeoutMs: UInt32(timeoutMs), actorName: actor.name, target: target.identifier,
            genericSubstitutions: invocation.genericSubstitutions, arguments: invocation.arguments
        ).frames
        let pending = self.pending
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let entry = PendingCalls.Entry(
                    continuation: continuation, deadlineNs: ZMQLoopContext.nowNs() + UInt64(timeoutMs) * 1_000_000,
                    actor: actor, target: target.identifier, timeoutMs: timeoutMs)
                guard pending.register(id, entry) else {
                    continuation.resume(throwing: ClusterCallError.systemShutDown)
                    return
                }
                let queued = loop.execute { loop in
                    do throws(ZMQError) {
                        try loop.send(frames, on: self.peerSocket(actor.node, loop))
                    } catch {
                        pending.fail(id, ClusterCallError.transport(error))
                    }
                }
                if !queued { pending.fail(id, ClusterCallError.systemShutDown) }
            }
        } onCancel: {
            pending.fail(id, CancellationError())
        }
    }

    /// The DEALER to a peer node, opened on first use (loop thread only).
    func peerSocket(_ node: String, _ loop: ZMQLoopContext) throws(ZMQError) -> ZMQSocketID {
        if let id = peers.withLock({ $0[node] }) { return id }
        var options = ZMQSocketOptions(
            sendHighWaterMark: configuration.highWaterMark, receiveHighWaterMark: configuration.highWaterMark)
        options.heartbeat = configuration.heartbeat
        if let curve = configuration.curve {
            guard let serverKey = curve.peerServerKey(node) else {
                throw .usage("no CURVE server key known for node \(node); add it to the cluster key file")
            }
            options.curve = .client(curve.clientKeys, serverPublicKey: serverKey)
        }
        let pending = self.pending
        let opened = try loop.open(.dealer, options: options, connect: [node], delivery: .handler { _, _, message in
            pending.handleReply(message)
        })
        peers.withLock { $0[node] = opened.id }
        return opened.id
    }

    static func rebuild(
        _ code: ClusterWire.ErrorCode, _ type: String, _ message: String, _ payload: [UInt8],
        actor: ActorID, target: String
    ) -> any Error {
        switch code {
        case .codable:
            if let errorType = _typeByName(type) as? any (Error & Decodable).Type,
               let error = try? BinaryDecoder.decode(errorType, from: payload)
            {
                return error
            }
            return ClusterCallError.remoteThrew(actor: actor, type: type, message: message)
        case .opaque:
            return ClusterCallError.remoteThrew(actor: actor, type: type, message: message)
        case .actorNotFound:
            return ClusterCallError.actorNotFound(actor)
        case .unknownTarget:
            return ClusterCallError.unknownTarget(actor: actor, target: target)
        case .expired:
            return ClusterCallError.expiredBeforeStart(actor: actor, target: target)
        case .badRequest:
            return ClusterCallError.badMessage(message)
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }
}

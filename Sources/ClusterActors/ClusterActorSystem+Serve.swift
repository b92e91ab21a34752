import Distributed
import ZeroMQ

extension ClusterActorSystem {
    /// Serves incoming calls until `shutdown()`: each call runs as a child task,
    /// at most `maxConcurrentIncomingCalls` at once. Run it in a task group or
    /// a service; returns when the node shuts down, cancelling calls still running.
    public func run() async {
        let limit = max(1, configuration.maxConcurrentIncomingCalls)
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await message in inbox {
                if running >= limit {
                    await group.next()
                    running -= 1
                }
                running += 1
                // Immediate: the call starts on this thread and runs until it first
                // suspends, saving a hop through the global executor per call
                // (a cross-core wake-up is ~40 µs on the target VMs).
                group.addImmediateTask { await self.serve(message) }
            }
            // The inbox ends at shutdown: calls still running are cancelled (their
            // replies could not be sent anyway) instead of holding shutdown up.
            group.cancelAll()
        }
    }

    /// Runs one incoming call and sends its reply to the caller's routing id.
    func serve(_ message: ZMQMessage) async {
        guard message.frames.count >= 2 else { return }
        let routingID = message.frames[0]
        let request: ClusterWire.Request
        do {
            request = try ClusterWire.Request(frames: message.frames.dropFirst())
        } catch {
            // Without a parsable header there is no request id to answer.
            if message.frames[1].count >= 12 {
                let id = ClusterWire.readLE(UInt64.self, message.frames[1], at: 4)
                reply(.error(code: .badRequest, type: "", message: error.description, payload: []), id, routingID)
            }
            return
        }
        let waitedNs = message.receivedAtNs == 0 ? 0 : ZMQLoopContext.nowNs() &- message.receivedAtNs
        let remainingMs = Int64(request.timeoutMs) - Int64(waitedNs / 1_000_000)
        guard remainingMs > 0 else {
            reply(.error(code: .expired, type: "", message: "deadline passed in queue", payload: []), request.requestID, routingID)
            return
        }
        guard let actor = registry.lookup(request.actorName) else {
            reply(.error(code: .actorNotFound, type: "", message: request.actorName, payload: []), request.requestID, routingID)
            return
        }
        var decoder = ClusterInvocationDecoder(
            genericSubstitutions: request.genericSubstitutions, arguments: request.arguments, system: self)
        let requestID = request.requestID
        let handler = ClusterResultHandler { [self] result in reply(result, requestID, routingID) }
        do {
            try await Self.$callTimeout.withValue(.milliseconds(remainingMs)) {
                try await executeDistributedTarget(
                    on: actor, target: RemoteCallTarget(request.target), invocationDecoder: &decoder, handler: handler)
            }
        } catch let error as ExecuteDistributedTargetError where error.errorCode == .targetAccessorNotFound {
            reply(.error(code: .unknownTarget, type: "", message: error.message, payload: []), requestID, routingID)
        } catch {
            reply(.error(code: .badRequest, type: "", message: String(describing: error), payload: []), requestID, routingID)
        }
    }

    private func reply(_ reply: ClusterWire.Reply, _ requestID: UInt64, _ routingID: [UInt8]) {
        // A caller that disconnected makes the ROUTER send fail with EHOSTUNREACH; the
        // loop reports it to `onTransportError` and the reply is dropped.
        loop.send([routingID] + reply.frames(requestID: requestID), on: router)
    }
}

import HomewardProtocol
import ZeroMQ

/// A DEALER on the coordinator's worker socket that says READY as `workerID`
/// with whatever key it is given, and counts what it is sent.
final class ForgedWorker {
    let context: ZMQContext
    let socket: ZMQSocket

    init(endpoint: String, workerID: String, curve: ZMQCurveRole?) throws {
        context = try ZMQContext()
        var options = ZMQSocketOptions(sendHighWaterMark: 1_000, receiveHighWaterMark: 100_000)
        options.routingID = Array(workerID.utf8)
        options.receiveTimeoutMs = 200
        options.sendTimeoutMs = 2_000
        options.curve = curve
        socket = try ZMQSocket(context: context, type: .dealer, options: options)
        try socket.connect(endpoint)
        var ready = Homeward_V1_WorkerReady()
        ready.protocolVersion = WorkerCodec.protocolVersion
        ready.workerID = workerID
        ready.embeddingDimension = 128
        self.ready = Frames.join(body: WorkerCodec.encode(.ready(ready)))
        var beat = Homeward_V1_Heartbeat()
        beat.sentAtMs = 1
        heartbeat = Frames.join(body: WorkerCodec.encode(.heartbeat(beat)))
    }

    let ready: [[UInt8]]
    let heartbeat: [[UInt8]]

    /// Says READY, then heartbeats for `seconds`; returns how many messages it was sent.
    func register(for seconds: Int) throws -> Int {
        var received = 0
        try? socket.send(ready)
        for tick in 0..<(seconds * 5) {
            if tick % 2 == 1 { try? socket.send(heartbeat) }
            while (try? socket.receiveMessage()) != nil { received += 1 }
        }
        return received
    }

    func close() {
        socket.close()
        context.terminate()
    }
}

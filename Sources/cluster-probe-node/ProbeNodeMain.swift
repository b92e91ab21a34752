import ClusterActors
import Foundation
import HomewardBasics
import HomewardTestSupport
import ZeroMQ

/// A node for cross-process tests and `homeward bench rpc`: hosts a
/// `ClusterProbe` named `probe` and two plain-frame echo ROUTERs (one answered
/// on the socket loop thread, one through an inbox and async code), prints
/// `READY <actor node> <loop echo> <async echo>` and serves until stdin closes.
@main
struct ProbeNodeMain {
    static func main() async throws {
        let system = try await ClusterActorSystem.start()
        let probe = system.makeActor(named: "probe") { ClusterProbe(actorSystem: system) }
        let raw = try ZMQSocketLoop(name: "raw-echo")
        let options = ZMQSocketOptions(sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000)
        let loopEcho = try await raw.open(.router, options: options, bind: ["tcp://127.0.0.1:*"], delivery: .handler { loop, socket, message in
            try? loop.send(message.frames, on: socket)
        })
        let asyncEcho = try await raw.open(.router, options: options, bind: ["tcp://127.0.0.1:*"], delivery: .inbox(limit: 1_024))
        let ready = "READY \(system.endpoint) \(loopEcho.boundEndpoints[0]) \(asyncEcho.boundEndpoints[0])\n"
        FileHandle.standardOutput.write(Data(ready.utf8))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await system.run() }
            group.addTask {
                for await message in asyncEcho.inbox! { raw.send(message.frames, on: asyncEcho.id) }
            }
            group.addTask {
                await stdinClosed()
                await system.shutdown()
                await raw.shutdown()
            }
        }
        withExtendedLifetime(probe) {}
    }

    /// Resumes when the parent closes our stdin (or dies), read on a plain thread
    /// so no cooperative-pool thread blocks.
    static func stdinClosed() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            do {
                try DedicatedThread.start(name: "probe-stdin") {
                    var byte: UInt8 = 0
                    while read(0, &byte, 1) > 0 {}
                    continuation.resume()
                }
            } catch {
                continuation.resume()  // no thread: behave as if stdin closed, and stop
            }
        }
    }
}

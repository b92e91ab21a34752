import ZeroMQ
import HomewardBasics

/// Options for test sockets: small explicit queues and a receive timeout so a
/// broken test fails instead of hanging.
func testOptions(hwm: Int32 = 100, receiveTimeoutMs: Int32 = 2_000) -> ZMQSocketOptions {
    var options = ZMQSocketOptions(sendHighWaterMark: hwm, receiveHighWaterMark: hwm)
    options.receiveTimeoutMs = receiveTimeoutMs
    return options
}

typealias SplitMix64 = SeededGenerator

func randomMessage(_ rng: inout SplitMix64) -> [[UInt8]] {
    let count = Int.random(in: 1...8, using: &rng)
    return (0..<count).map { _ in
        let size = [0, 1, 31, 32, 33, 255, 4096].randomElement(using: &rng)!
        return (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
}

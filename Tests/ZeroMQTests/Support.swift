import ZeroMQ

/// Options for test sockets: small explicit queues and a receive timeout so a
/// broken test fails instead of hanging.
func testOptions(hwm: Int32 = 100, receiveTimeoutMs: Int32 = 2_000) -> ZMQSocketOptions {
    var options = ZMQSocketOptions(sendHighWaterMark: hwm, receiveHighWaterMark: hwm)
    options.receiveTimeoutMs = receiveTimeoutMs
    return options
}

/// A seeded generator (SplitMix64) so random frames are reproducible from the seed in a failure message.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomMessage(_ rng: inout SplitMix64) -> [[UInt8]] {
    let count = Int.random(in: 1...8, using: &rng)
    return (0..<count).map { _ in
        let size = [0, 1, 31, 32, 33, 255, 4096].randomElement(using: &rng)!
        return (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
}

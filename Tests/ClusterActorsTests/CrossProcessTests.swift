import ClusterActors
import Foundation
import Testing
import HomewardTestSupport

/// The `cluster-probe-node` executable built beside this test bundle
/// (`swift build --build-tests` builds every product).
func probeNodeExecutable() throws -> URL {
    let bundle = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    let candidate = bundle.deletingLastPathComponent().appendingPathComponent("cluster-probe-node")
    guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
        throw ProbeNodeMissing(path: candidate.path)
    }
    return candidate
}

struct ProbeNodeMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "\(path) not found; run `swift build --build-tests` (it builds cluster-probe-node) before `swift test --skip-build`" }
}

@Suite struct CrossProcessTests {
    @Test func callsReachAnActorInAnotherProcess() async throws {
        let process = Process()
        process.executableURL = try probeNodeExecutable()
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()  // the node exits when stdin closes
            process.waitUntilExit()
        }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let fields = String(decoding: line, as: UTF8.self).split(separator: " ").map { String($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 4 && fields[0] == "READY", "probe node said: \(fields)")

        let system = try await ClusterActorSystem.start()
        let probe = try ClusterProbe.resolve(id: ClusterActorID(node: fields[1], name: "probe"), using: system)
        let identity = try await probe.whoAmI()
        #expect(identity.node == fields[1])
        #expect(identity.processID == Int64(process.processIdentifier))
        #expect(identity.processID != Int64(ProcessInfo.processInfo.processIdentifier))
        let payload = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try await probe.echo(payload) == payload)
        await #expect(throws: ClusterProbeError(message: "across processes")) { try await probe.fail("across processes") }
        await #expect(throws: ClusterCallError.self) {
            try await ClusterActorSystem.$callTimeout.withValue(.milliseconds(50)) { try await probe.sleep(milliseconds: 1_000) }
        }
        let sums = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<64 { group.addTask { try await probe.echo([UInt8(i)]).count } }
            return try await group.reduce(0, +)
        }
        #expect(sums == 64)
        await system.shutdown()
    }
}

import Foundation
import PhotoPipeline
import Testing

/// OpenBLAS reads OPENBLAS_CORETYPE when it loads, so a worker's face extraction
/// only gets the AVX-512 kernels if the variable is in the environment its
/// process image started with: what /proc/PID/environ shows.
@Suite(.serialized) struct OpenBLASEnvironmentTests {
    static func environment(ofProcess pid: Int32) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        var env: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let eq = text.firstIndex(of: "=") else { continue }
            env[String(text[..<eq])] = String(text[text.index(after: eq)...])
        }
        return env
    }

    /// What the rule picks for this machine when nobody set the variable (nil off AVX-512).
    static var expectedByDefault: String? {
        OpenBLASCoreType.choice(environment: [:], hasAVX512: OpenBLASCoreType.machineHasAVX512)
    }

    @Test func workersOfALocalClusterStartWithTheCoreType() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let inherited = ProcessInfo.processInfo.environment[OpenBLASCoreType.variable]
        for id in tc.cluster.workerIDs {
            let pid = try #require(tc.cluster.workerPID(id))
            let env = try Self.environment(ofProcess: pid)
            // The test runner's own value, if someone set one, is kept.
            #expect(env[OpenBLASCoreType.variable] == (inherited ?? Self.expectedByDefault), "worker \(id)")
        }
    }

    /// A worker started by anything else (systemd, a shell) without the variable
    /// re-executes itself with it; one started with a value keeps that value.
    /// (The cluster is there for its config and keys; these workers dial a port
    /// where nothing listens, and wait.)
    @Test func aWorkerStartedWithoutItReexecutesWithIt() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        for operatorValue in [nil, "Haswell"] as [String?] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestCluster.executable)
            p.arguments = ["worker", "--config", tc.configPath, "--id", "w1",
                           "--coordinator", "tcp://127.0.0.1:9", "--control", "tcp://127.0.0.1:9",
                           "--ops-endpoint", "http://127.0.0.1:0"]
            var env = ProcessInfo.processInfo.environment
            env[OpenBLASCoreType.variable] = operatorValue
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let expected = operatorValue ?? Self.expectedByDefault
            // The exec happens first thing; wait for the new image.
            var seen: String?
            for _ in 0..<100 {
                guard p.isRunning, let e = try? Self.environment(ofProcess: p.processIdentifier) else { break }
                seen = e[OpenBLASCoreType.variable]
                if seen == expected { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let stillRunning = p.isRunning
            p.terminate()
            p.waitUntilExit()
            #expect(stillRunning, "the worker exited early (operator value \(operatorValue ?? "none"))")
            #expect(seen == expected, "operator value \(operatorValue ?? "none")")
        }
    }
}

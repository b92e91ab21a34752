import Foundation
import ClusterCore
import HomewardClient
import HomewardSecurity
import ZeroMQ
import HomewardStore
import PhotoPipeline

/// A coordinator and its workers started as separate processes of this same
/// executable, on loopback ports chosen by the system, in a run directory of
/// their own (database, logs). `stop()` ends every process it started.
public final class LocalCluster: @unchecked Sendable {
    // @unchecked: the process list is written in start() and read in stop(), both by the owner.
    public let runDirectory: String
    public let configPath: String
    public private(set) var clientEndpoint = ""
    public private(set) var alertsEndpoint = ""
    public private(set) var workerEndpoint = ""
    public private(set) var controlEndpoint = ""
    private var coordinator: Process?
    private var workers: [String: Process] = [:]
    private var launched: [Process] = []
    private let executable: String
    /// The coordinator's four endpoints (client, alerts, workers, control) for
    /// its first start; nil: free loopback ports chosen by the system.
    public var bindEndpoints: [String]?
    /// Network namespace to run each process in (`coordinator`, `worker-<id>`),
    /// for fault tests across hosts simulated on one machine; absent: this one.
    public var namespaces: [String: String] = [:]
    /// Serve each process's ops endpoint where the config says (fault tests, one host per
    /// namespace); false: a free loopback port each, so clusters on one host never collide.
    public var configuredOpsEndpoints = false

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public init(configPath: String, runDirectory: String, executable: String = LocalCluster.currentExecutable) {
        self.configPath = configPath
        self.runDirectory = runDirectory
        self.executable = executable
    }

    /// The running homeward binary (children run the same build).
    public static var currentExecutable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    public var databasePath: String { (runDirectory as NSString).appendingPathComponent("coordinator.sqlite") }
    var endpointsFile: String { (runDirectory as NSString).appendingPathComponent("endpoints.txt") }
    public func logPath(_ name: String) -> String { (runDirectory as NSString).appendingPathComponent("\(name).log") }
    func opsFile(_ name: String) -> String { (runDirectory as NSString).appendingPathComponent("\(name).ops") }

    /// The ops endpoint (`http://HOST:PORT`) a process (`coordinator`, `worker-<id>`) bound, once it serves it.
    public func opsEndpoint(_ name: String) -> String? {
        (try? String(contentsOfFile: opsFile(name), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func opsArguments(_ name: String) -> [String] {
        try? FileManager.default.removeItem(atPath: opsFile(name))
        return (configuredOpsEndpoints ? [] : ["--ops-endpoint", "http://127.0.0.1:0"]) + ["--ops-endpoint-file", opsFile(name)]
    }

    /// Makes every key the config names that is missing (`homeward keys init`);
    /// the coordinator's first start calls it.
    public func prepareKeys() throws {
        let config = try ClusterConfig.load(path: configPath)
        try KeyRing.initialize(config: config, paths: SecurityPaths(config: config, configPath: configPath))
    }

    /// A client's CURVE settings for key `name` of this cluster's config (nil in plain text).
    public func curve(_ name: String) throws -> ZMQCurveRole? {
        try ClientKeys.curve(name: name, config: ClusterConfig.load(path: configPath), configPath: configPath)
    }

    /// The intake, desk and admin keys a `ClusterRun` against this cluster uses.
    public func runKeys() throws -> ClusterRun.Keys {
        ClusterRun.Keys(intake: try curve("intake"), desk: try curve("desk"), admin: try curve("admin"))
    }

    /// Starts the coordinator and waits until its sockets are bound.
    public func startCoordinator(timeout: Duration = .seconds(30)) async throws {
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        if clientEndpoint.isEmpty { try prepareKeys() }
        try? FileManager.default.removeItem(atPath: endpointsFile)
        // The first start takes free ports; a restart binds the same ones, so
        // workers and clients reconnect to it by themselves.
        let ports = clientEndpoint.isEmpty
            ? (bindEndpoints.map { ["--endpoints", $0.joined(separator: ",")] } ?? ["--ephemeral-ports"])
            : ["--endpoints", [clientEndpoint, alertsEndpoint, workerEndpoint, controlEndpoint].joined(separator: ",")]
        coordinator = try launch(name: "coordinator", ["coordinator", "--config", configPath, "--database", databasePath,
                                                       "--endpoints-file", endpointsFile] + ports + opsArguments("coordinator"))
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: endpointsFile, encoding: .utf8) {
                let lines = text.split(separator: "\n").map(String.init)
                if lines.count == 4 {
                    (clientEndpoint, alertsEndpoint, workerEndpoint, controlEndpoint) = (lines[0], lines[1], lines[2], lines[3])
                    return
                }
            }
            guard coordinator?.isRunning == true else { throw LaunchError(description: "the coordinator exited; see \(logPath("coordinator"))") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LaunchError(description: "the coordinator did not bind its sockets within \(timeout); see \(logPath("coordinator"))")
    }

    /// Starts a worker; `configPath` overrides the cluster's config for it (tests of a misconfigured worker).
    public func startWorker(_ id: String, configPath: String? = nil) throws {
        workers[id] = try launch(name: "worker-\(id)", ["worker", "--config", configPath ?? self.configPath, "--id", id,
                                                         "--coordinator", workerEndpoint, "--control", controlEndpoint]
                                                         + opsArguments("worker-\(id)"))
    }

    /// Waits until `count` workers report READY in the coordinator's status.
    public func waitForWorkers(_ count: Int, timeout: Duration = .seconds(60)) async throws {
        let client = try await HomewardClient(endpoint: clientEndpoint, timeoutMilliseconds: 2_000, curve: try curve("admin"))
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = try? await client.call(HomewardClient.request { $0.status = .init() }).clusterStatus,
               status.workers.filter({ $0.state == .ready }).count >= count {
                await client.close()
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        await client.close()
        throw LaunchError(description: "\(count) workers did not become ready within \(timeout); logs in \(runDirectory)")
    }

    /// Sends `signal` to one process (SIGKILL, SIGSTOP, SIGCONT in fault tests).
    public func signal(_ signal: Int32, worker id: String) {
        if let p = workers[id] { kill(p.processIdentifier, signal) }
    }

    public func signalCoordinator(_ signal: Int32) {
        if let p = coordinator { kill(p.processIdentifier, signal) }
    }

    /// SIGKILLs the coordinator (a crash) and starts it again on the same
    /// ports and database.
    public func crashAndRestartCoordinator() async throws {
        if let p = coordinator {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        try await startCoordinator()
    }

    /// SIGKILLs a worker and starts it again with the same identity (a restart
    /// before the coordinator noticed it was gone).
    public func crashAndRestartWorker(_ id: String) throws {
        if let p = workers[id] {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        try startWorker(id)
    }

    /// Waits for the coordinator process to exit; its exit status, or nil if still running at the timeout.
    public func waitForCoordinatorExit(timeout: Duration) async throws -> Int32? {
        guard let p = coordinator else { return nil }
        let deadline = ContinuousClock.now + timeout
        while p.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return p.isRunning ? nil : p.terminationStatus
    }

    public var workerIDs: [String] { workers.keys.sorted() }

    /// The process id of a running worker (tests read its /proc entries).
    public func workerPID(_ id: String) -> Int32? {
        workers[id].flatMap { $0.isRunning ? $0.processIdentifier : nil }
    }

    /// Every sighting id in the coordinator's database (WAL lets this read
    /// beside a running coordinator): acknowledged ids missing here were lost.
    public func storedSightingIDs() throws -> Set<UInt64> {
        let db = try SQLiteDatabase(path: databasePath)
        defer { db.close() }
        return try CoordinatorStore(db).allSightingIDs()
    }

    /// Waits for a worker process to exit; its exit status, or nil if still running at the timeout.
    public func waitForExit(worker id: String, timeout: Duration) async throws -> Int32? {
        guard let p = workers[id] else { return nil }
        let deadline = ContinuousClock.now + timeout
        while p.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return p.isRunning ? nil : p.terminationStatus
    }

    /// Stops every process this cluster started (SIGTERM, then SIGKILL after 3 s).
    public func stop() {
        // Every process ever launched, not just the current one per name: a
        // second worker started under a taken id must not outlive the cluster.
        let all = launched
        for p in all where p.isRunning { kill(p.processIdentifier, SIGCONT); p.terminate() }
        let deadline = Date().addingTimeInterval(3)
        for p in all {
            while p.isRunning && Date() < deadline { usleep(20_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
        }
        workers.removeAll()
        coordinator = nil
        launched.removeAll()
    }

    deinit { stop() }

    private func launch(name: String, _ arguments: [String]) throws -> Process {
        let p = Process()
        if let namespace = namespaces[name] {
            // `ip netns exec` enters the namespace and execs the command: same pid.
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
            p.arguments = ["netns", "exec", namespace, executable] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = arguments
        }
        // Append: a restarted process keeps the log of the one before.
        if !FileManager.default.fileExists(atPath: logPath(name)) { _ = FileManager.default.createFile(atPath: logPath(name), contents: nil) }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath(name)))
        log.seekToEndOfFile()
        p.standardOutput = log
        p.standardError = log
        p.standardInput = FileHandle.nullDevice
        // OpenBLAS reads its core type when it loads, before main: a worker's face
        // extraction needs it in the environment it starts with (an operator's value stays).
        p.environment = OpenBLASCoreType.environment(adding: ProcessInfo.processInfo.environment)
        try p.run()
        launched.append(p)
        return p
    }
}

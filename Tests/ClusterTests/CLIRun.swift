import ClusterCore
import Foundation
import HomewardBasics

/// One run of the built `homeward` binary, as a user runs it (swift-argument-parser's
/// test style): arguments in, exit status and both output streams out.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static func homeward(_ arguments: [String]) throws -> CLIRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestCluster.executable)
        p.arguments = arguments
        p.currentDirectoryURL = TestCluster.packageRoot
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // stderr is read on its own thread so that neither pipe can fill and stall the child.
        let errData = ErrorPipeReader(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRun(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// The shipped loopback config, by absolute path.
    static var localConfig: String { TestCluster.packageRoot.appendingPathComponent("cluster-config/local.json").path }

    /// The shipped config written into a new folder with its keys beside it, made
    /// by `homeward keys init` as a deployment makes them: commands that connect
    /// find their key there, whatever the checkout holds.
    static func keyedConfig() throws -> String {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: run.appendingPathComponent("geo"),
                                                   withDestinationURL: TestCluster.packageRoot.appendingPathComponent("cluster-config/geo"))
        var config = try ClusterConfig.load(path: localConfig)
        config.security.keysDirectory = "keys"
        config.security.allowList = "keys/allow-list.json"
        config.security.dataKey = "keys/data.key"
        let path = run.appendingPathComponent("cluster.json").path
        try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: path))
        let made = try homeward(["keys", "init", "--config", path])
        guard made.status == 0 else { throw KeysInitFailed(stderr: made.stderr) }
        return path
    }

    struct KeysInitFailed: Error { var stderr: String }
}

/// Reads a pipe to its end on a thread of its own.
final class ErrorPipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()   // written by the reader thread before `done` is signalled, read after

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        do {
            try DedicatedThread.start(name: "cli-stderr") { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        } catch {
            data = Data("could not start the stderr reader: \(error)".utf8)
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

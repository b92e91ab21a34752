import Foundation

/// Runs ops/bench/match_peer.py (FAISS IndexFlatIP) on the same vectors.
struct MatchBenchPeer {
    struct Cell: Decodable {
        var batch: Int
        var threads: Int
        /// The OpenMP threads of FAISS's fastest run (at most `threads`).
        var threadsUsed: Int
        var qps: Double
        var mode: String
        /// Every search of the kept timed run: its first query and the ids per query.
        var answers: [MatchBenchAnswer]

        enum CodingKeys: String, CodingKey {
            case batch, threads, qps, mode, answers
            case threadsUsed = "threads_used"
        }
    }

    enum PeerError: Error, CustomStringConvertible {
        case notInRepository(String)
        case failed(String, Int32)

        var description: String {
            switch self {
            case .notInRepository(let dir):
                "run `homeward bench match` from the repository root (no ops/bench/python-env under \(dir)), or pass --no-peer"
            case .failed(let what, let status): "\(what) failed with exit status \(status); its stderr is above"
            }
        }
    }

    let repositoryRoot: URL

    init() throws {
        let cwd = FileManager.default.currentDirectoryPath
        guard FileManager.default.isExecutableFile(atPath: cwd + "/ops/bench/python-env") else {
            throw PeerError.notInRepository(cwd)
        }
        repositoryRoot = URL(fileURLWithPath: cwd)
    }

    func run(data: URL, bench: MatchBenchData, batches: [Int], threads: [Int], k: Int,
             minSeconds: Double, repeats: Int) throws -> [Cell] {
        let python = try capture(repositoryRoot.appendingPathComponent("ops/bench/python-env").path, ["match"], env: [:])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_CORETYPE"] = "SkylakeX"
        env.removeValue(forKey: "OPENBLAS_L2_SIZE")
        let out = try capture(python, [
            repositoryRoot.appendingPathComponent("ops/bench/match_peer.py").path,
            "--data", data.path, "--rows", "\(bench.rows)", "--dim", "\(bench.dimension)",
            "--queries", "\(bench.queryCount)", "--batches", batches.map(String.init).joined(separator: ","),
            "--threads", threads.map(String.init).joined(separator: ","), "--k", "\(k)",
            "--min-seconds", "\(minSeconds)", "--repeats", "\(repeats)",
        ], env: env)
        return try out.split(separator: "\n").map { try JSONDecoder().decode(Cell.self, from: Data($0.utf8)) }
    }

    private func capture(_ executable: String, _ arguments: [String], env: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !env.isEmpty { process.environment = env }
        process.currentDirectoryURL = repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerError.failed(URL(fileURLWithPath: arguments.first ?? executable).lastPathComponent, process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

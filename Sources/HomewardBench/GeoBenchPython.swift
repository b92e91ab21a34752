import Foundation

/// Runs ops/bench/geo_peer.py (libspatialindex through Python `rtree`) on data files
/// in a temporary directory, in the venv made by `ops/bench/python-env geo`.
struct GeoBenchPython {
    struct Timing: Decodable {
        let workload: String
        let seconds: Double
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-bench-geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ values: [Double]) throws {
        try values.withUnsafeBytes { try Data($0).write(to: directory.appendingPathComponent(name)) }
    }

    func writeJSON(_ name: String, _ object: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: directory.appendingPathComponent(name))
    }

    func results(_ workload: String) throws -> GeoResultSets {
        let counts = try Data(contentsOf: directory.appendingPathComponent("\(workload).counts"))
        let hashes = try Data(contentsOf: directory.appendingPathComponent("\(workload).hash"))
        return GeoResultSets(counts: counts.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) },
                             hashes: hashes.withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) })
    }

    /// Runs the peer; returns each workload's timing.
    func run(repoRoot: String) throws -> [String: Double] {
        let python = try Self.capture(["\(repoRoot)/ops/bench/python-env", "geo"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let out = try Self.capture([python, "\(repoRoot)/ops/bench/geo_peer.py", directory.path])
        var timings: [String: Double] = [:]
        for line in out.split(separator: "\n") {
            let t = try JSONDecoder().decode(Timing.self, from: Data(line.utf8))
            timings[t.workload] = t.seconds
        }
        return timings
    }

    static func capture(_ argv: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GeoBenchError(description: "\(argv.joined(separator: " ")) exited with status \(process.terminationStatus); run it by hand to see why")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

import ArgumentParser
import Foundation
import GeoIndex
import MatchEngine

/// `homeward bench match`: the exact matching engine beside FAISS IndexFlatIP.
struct BenchMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Exact top-10 matching throughput: Homeward's SIMD engine vs FAISS IndexFlatIP.",
        discussion: """
            Workloads: 1M × 128 and 200k × 512 seeded random unit vectors; batches of 1, 64 and 256
            queries; 1 and 2 threads. FAISS runs from the venv of `ops/bench/python-env match`
            on the same vectors, in its faster mode per cell (BLAS on or off). Run from the repository root.
            """
    )

    @Flag(help: "Print one JSON object per cell instead of a table.") var json = false
    @Option(help: "Rows of the 128-d workload (the 512-d one gets a fifth of it).") var rows: Int?
    @Flag(help: "A short run: 100k rows and 0.3 s per cell.") var quick = false
    @Option(help: "Minimum seconds timed per cell.") var seconds: Double?
    @Option(help: "Comma-separated batch sizes.") var batches = "1,64,256"
    @Option(help: "Comma-separated thread counts.") var threads = "1,2"
    @Option(help: "Only the workload with this dimension (128 or 512).") var dimension: Int?
    @Flag(help: "Skip the FAISS peer.") var noPeer = false
    @Flag(help: .hidden) var cpuTime = false
    @Option(help: "Time each cell this many times per engine, alternating, and keep each one's best.")
    var repeats = 1

    static let k = 10
    static let truthQueries = 8
    static let queryCount = 256
    /// The machine's measured peaks per core (docs/matching-engine.md).
    static let peakGFLOPSPerCore = 180.0
    static let peakGBPerSecondPerCore = 16.0

    func validate() throws {
        if let rows, rows < 1_000 { throw ValidationError("--rows must be at least 1000") }
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
        guard parsedList(batches).allSatisfy({ (1...Self.queryCount).contains($0) }) else {
            throw ValidationError("--batches: each batch must be in 1...\(Self.queryCount)")
        }
        guard parsedList(threads).allSatisfy({ $0 >= 1 }) else { throw ValidationError("--threads: each count must be >= 1") }
    }

    func parsedList(_ s: String) -> [Int] { s.split(separator: ",").compactMap { Int($0) } }

    func run() async throws {
        let base = rows ?? (quick ? 100_000 : 1_000_000)
        let minSeconds = seconds ?? (quick ? 0.3 : 1.0)
        let workloads = [(base, 128), (base / 5, 512)].filter { dimension == nil || $0.1 == dimension }
        let batchList = parsedList(batches), threadList = parsedList(threads)
        let report = MatchBenchReport(json: json)
        report.header(kernel: MatchKernel.best)
        for (n, d) in workloads {
            let data = MatchBenchData(rows: n, dimension: d, queryCount: Self.queryCount, seed: UInt64(n * 1_000 + d))
            let truth = (0..<Self.truthQueries).map { data.exactTopK(query: $0, k: Self.k) }
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("homeward-match-\(ProcessInfo.processInfo.processIdentifier).f32")
            if !noPeer { try data.write(to: url) }
            defer { try? FileManager.default.removeItem(at: url) }
            var engines: [Int: MatchEngine] = [:]
            for t in threadList { engines[t] = try await Self.loadEngine(data, partitions: t) }
            // Cell by cell, the peer right before ours, so both see the same
            // machine (it is shared; load drifts over minutes).
            for t in threadList {
                for b in batchList {
                    // Alternate peer and ours `repeats` times and keep each one's best
                    // run: the best window is the one least disturbed by other load.
                    var peerBest: MatchBenchPeer.Cell?
                    var best = 0.0
                    var ids: [[Int]] = []
                    for _ in 0..<repeats {
                        if !noPeer, let cell = try MatchBenchPeer().run(
                            data: url, bench: data, batches: [b], threads: [t], k: Self.k, minSeconds: minSeconds,
                            truthQueries: Self.truthQueries, repeats: 1
                        ).first, cell.qps > peerBest?.qps ?? 0 {
                            peerBest = cell
                        }
                        let (qps, got) = try await Self.measure(engines[t]!, data, batch: b, minSeconds: minSeconds, cpuTime: cpuTime)
                        if qps > best { (best, ids) = (qps, got) }
                    }
                    let peer = peerBest.map {
                        MatchBenchReport.Row(workload: "\(Self.label(n)) x \(d)", rows: n, dimension: d, batch: b, threads: t,
                                             engine: "faiss-flat", qps: $0.qps, recall: Self.recall($0.ids, truth), mode: $0.mode)
                    }
                    let ours = MatchBenchReport.Row(
                        workload: "\(Self.label(n)) x \(d)", rows: n, dimension: d, batch: b, threads: t,
                        engine: "homeward-exact", qps: best, recall: Self.recall(ids, truth), mode: MatchKernel.best.rawValue)
                    report.cell(ours: ours, peer: peer)
                }
            }
        }
    }

    static func label(_ n: Int) -> String {
        n % 1_000_000 == 0 ? "\(n / 1_000_000)m" : n % 1_000 == 0 ? "\(n / 1_000)k" : "\(n)"
    }

    /// Cases with no gate that could exclude them (missing for years, so reach is
    /// unlimited; sex unknown) and sightings without marks or age: the scan and
    /// top-k are all that is timed, through the engine's public API.
    static func loadEngine(_ data: MatchBenchData, partitions: Int) async throws -> MatchEngine {
        let config = MatchConfig(dimension: data.dimension, faceThreshold: -2, topK: k)
        let engine = MatchEngine(config: config, partitions: partitions)
        let chunk = 50_000
        for start in stride(from: 0, to: data.rows, by: chunk) {
            let cases = (start..<min(start + chunk, data.rows)).map { i in
                CaseFeatures(id: UInt64(i), embeddings: [data.row(i)], sex: .unknown, birthDate: 0,
                             missingSince: 0, lastSeen: GeoPoint(latitude: 30, longitude: 114))
            }
            try await engine.upsertCases(cases)
        }
        return engine
    }

    static func sighting(_ data: MatchBenchData, _ q: Int) -> SightingFeatures {
        SightingFeatures(id: UInt64(q), observedAt: 1_800_000_000, location: GeoPoint(latitude: 30, longitude: 114),
                         embeddings: [data.query(q)])
    }

    /// Queries per second over at least `minSeconds`, cycling through the query
    /// set in batches; also the ids returned for the first `truthQueries` queries.
    static func measure(_ engine: MatchEngine, _ data: MatchBenchData, batch: Int,
                        minSeconds: Double, cpuTime: Bool = false) async throws -> (Double, [[Int]]) {
        let sightings = (0..<data.queryCount).map { sighting(data, $0) }
        var firstIDs: [[Int]] = []
        var slice = 0
        func next() -> [SightingFeatures] {
            let lo = (slice * batch) % data.queryCount
            slice += 1
            return Array(sightings[lo..<min(lo + batch, data.queryCount)])
        }
        // Untimed pass over the truth queries (also warms caches and pages).
        while firstIDs.count < truthQueries {
            firstIDs += try await engine.match(next()).map { $0.map { Int($0.caseID) } }
        }
        slice = 0
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = processCPUSeconds()
        var done = 0
        while true {
            done += try await engine.match(next()).count
            let elapsed = (clock.now - start) / .seconds(1)
            if elapsed >= minSeconds {
                // --cpu-time (tuning on a shared machine): per CPU-second instead of per second.
                let seconds = cpuTime ? processCPUSeconds() - cpuStart : elapsed
                return (Double(done) / seconds, Array(firstIDs.prefix(truthQueries)))
            }
        }
    }

    static func recall(_ got: [[Int]], _ truth: [[Int]]) -> Double {
        var hit = 0, total = 0
        for (g, t) in zip(got, truth) {
            hit += Set(g).intersection(t).count
            total += t.count
        }
        return total == 0 ? 0 : Double(hit) / Double(total)
    }
}

func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

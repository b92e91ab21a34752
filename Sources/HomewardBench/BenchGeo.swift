import ArgumentParser
import Foundation
import GeoIndex

/// `homeward bench geo`: the R-tree against libspatialindex and SQLite's R*Tree.
struct BenchGeo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geo",
        abstract: "R-tree: circles, reach-box stabbing, bulk load and province lookup vs libspatialindex and SQLite R*Tree.",
        discussion: """
            Draws --points points over China (cities weighted by population, with a spread), \
            runs every engine on the same data in one run, checks that their per-query result \
            sets are identical, and prints queries per second and our ratio to each peer. \
            Run from the repository root after `swift build -c release`; the Python peer's \
            venv is made by ops/bench/python-env geo (needs PyPI once).
            """
    )

    @Option(help: "Number of points for the circle queries and province lookup.") var points = 1_000_000
    @Option(help: "Queries per workload.") var queries = 2_000
    @Option(help: "Reach boxes (cases) for the stabbing workload.") var cases = 100_000
    @Option(help: "Seed for all drawn data.") var seed: UInt64 = 2026
    @Option(help: "Directory with cities.csv and provinces-10m.geojson (the polygons the cluster locates points with).") var geoDirectory = "cluster-config/geo"
    @Option(help: "Repository root (for ops/bench).") var repoRoot = "."
    @Option(help: "R-tree node capacity M.") var nodeCapacity = 16
    @Option(help: "Bulk-load packing: hilbert or str.") var packing = "hilbert"
    @Option(help: "Circle radii in km, comma-separated.") var radii = "5,50,300"
    @Flag(help: "Print one JSON object per line instead of a table.") var json = false
    @Flag(help: "Skip the libspatialindex (Python) peer.") var noLibspatialindex = false
    @Flag(help: "Skip the SQLite R*Tree peer.") var noSqlite = false

    var radiiKm: [Double] { radii.split(separator: ",").compactMap { Double($0) } }

    func validate() throws {
        guard points >= 1_000, queries >= 10, cases >= 100 else { throw ValidationError("use --points >= 1000, --queries >= 10, --cases >= 100") }
        guard !radiiKm.isEmpty, radiiKm.allSatisfy({ $0 > 0 && $0 < 20_000 }) else { throw ValidationError("--radii must list km values in (0, 20000)") }
        guard ["str", "hilbert"].contains(packing) else { throw ValidationError("--packing must be str or hilbert") }
    }

    func run() throws {
        let geoDir = URL(fileURLWithPath: geoDirectory)
        let table = try CityTable(csv: String(contentsOf: geoDir.appendingPathComponent("cities.csv"), encoding: .utf8))
        let locator = try ProvinceLocator(geoJSON: Data(contentsOf: geoDir.appendingPathComponent("provinces-10m.geojson")))
        let data = GeoBenchDataSet(cities: table.cities, points: points, queries: queries, cases: cases, seed: seed)
        var report = GeoBenchReport(json: json, label: "\(pointsLabel) points, \(queries) queries, \(cases) reach boxes, M=\(nodeCapacity), \(packing)")

        // Ours.
        let ours = GeoBenchOurs(data: data, nodeCapacity: nodeCapacity, packing: packing == "hilbert" ? .hilbert : .sortTileRecursive)
        let oursLoad = ours.bulkLoadSeconds(repeats: 3)
        report.add("bulk-load", "homeward", seconds: oursLoad, operations: points, results: nil, reference: nil)
        var reference: [String: GeoResultSets] = [:]
        for r in radiiKm {
            let (res, s) = ours.circles(radiusKm: r)
            reference[circleName(r)] = res
            report.add(circleName(r), "homeward", seconds: s, operations: queries, results: res, reference: res)
        }
        let (stabRes, stabSeconds) = ours.stabs()
        reference[stabName] = stabRes
        report.add(stabName, "homeward", seconds: stabSeconds, operations: queries, results: stabRes, reference: stabRes)
        ours.provinceLookup(locator: locator, report: &report, name: "province-lookup-\(pointsLabel)")

        // SQLite R*Tree.
        if !noSqlite {
            let sqlite = try GeoBenchSQLite()
            var loadSeconds = 0.0
            try loadSeconds = geoBenchSeconds { try sqlite.load("pts", boxes: data.points.map { GeoBox(point: $0) }) }
            report.add("bulk-load", "sqlite-rtree", seconds: loadSeconds, operations: points, results: nil, reference: nil)
            for r in radiiKm {
                let boxes = data.queries.map { Geodesy.circleBounds(center: $0, radiusKm: r).boxes[0] }
                let (res, s) = try sqlite.query("pts", boxes: boxes) { q, id in
                    Geodesy.haversineKm(data.queries[q], data.points[id]) <= r
                }
                report.add(circleName(r), "sqlite-rtree", seconds: s, operations: queries, results: res, reference: reference[circleName(r)])
            }
            try sqlite.load("reach", boxes: data.reachBoxes)
            let stabBoxes = data.stabs.map { GeoBox(point: $0) }
            let (res, s) = try sqlite.query("reach", boxes: stabBoxes) { q, id in
                Geodesy.haversineKm(data.stabs[q], data.caseLastSeen[id]) <= data.caseReachKm[id]
            }
            report.add(stabName, "sqlite-rtree", seconds: s, operations: queries, results: res, reference: stabRes)
        }

        // libspatialindex through Python rtree.
        if !noLibspatialindex {
            let peer = try GeoBenchPython()
            defer { peer.cleanUp() }
            try peer.write("points.f64", data.points.flatMap { [$0.longitude, $0.latitude] })
            try peer.write("queries.f64", data.queries.flatMap { [$0.longitude, $0.latitude] })
            for r in radiiKm {
                try peer.write("qboxes_\(Self.radiusLabel(r)).f64", data.queries.flatMap {
                    let b = Geodesy.circleBounds(center: $0, radiusKm: r).boxes[0]
                    return [b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude]
                })
            }
            try peer.write("reach.f64", data.reachBoxes.indices.flatMap { i -> [Double] in
                let b = data.reachBoxes[i], p = data.caseLastSeen[i]
                return [b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude, p.longitude, p.latitude, data.caseReachKm[i]]
            })
            try peer.write("stabs.f64", data.stabs.flatMap { [$0.longitude, $0.latitude] })
            try peer.writeJSON("params.json", ["radii": radiiKm, "batch": 100, "load_repeats": 3, "stab_workload": stabName])
            let timings = try peer.run(repoRoot: repoRoot)
            report.add("bulk-load", "libspatialindex", seconds: timings["bulk-load"] ?? .nan, operations: points, results: nil, reference: nil)
            for name in radiiKm.map(circleName) + [stabName] {
                report.add(name, "libspatialindex", seconds: timings[name] ?? .nan, operations: queries,
                           results: try peer.results(name), reference: reference[name])
            }
        }
        report.finish()
    }

    var pointsLabel: String { points % 1_000_000 == 0 ? "\(points / 1_000_000)m" : points % 1_000 == 0 ? "\(points / 1_000)k" : "\(points)" }
    var stabName: String { "stab-reach-\(cases % 1_000 == 0 ? "\(cases / 1_000)k" : "\(cases)")" }
    static func radiusLabel(_ r: Double) -> String { String(format: "%g", r) }
    func circleName(_ r: Double) -> String { "circle-\(Self.radiusLabel(r))km" }
}

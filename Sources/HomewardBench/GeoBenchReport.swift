import Foundation

/// Rows of `bench geo`, printed as a table or as JSON lines.
struct GeoBenchReport {
    struct Row {
        var workload: String
        var engine: String
        var seconds: Double
        var operations: Int
        var resultsPerQuery: Double?
        var resultsMatch: Bool?
        var extra: [String: Any] = [:]
        var qps: Double { Double(operations) / seconds }
    }

    let json: Bool
    let label: String
    var rows: [Row] = []

    init(json: Bool, label: String) {
        self.json = json
        self.label = label
    }

    mutating func add(_ workload: String, _ engine: String, seconds: Double, operations: Int,
                      results: GeoResultSets?, reference: GeoResultSets?) {
        var row = Row(workload: workload, engine: engine, seconds: seconds, operations: operations)
        if let results {
            row.resultsPerQuery = results.resultsPerQuery
            row.resultsMatch = reference.map { $0 == results }
        }
        rows.append(row)
    }

    mutating func addProvince(_ workload: String, seconds: Double, bruteSeconds: Double, points: Int, agree: Int, inside: Int) {
        let agreement = Double(agree) / Double(points)
        rows.append(Row(workload: workload, engine: "homeward", seconds: seconds, operations: points, resultsPerQuery: nil,
                        resultsMatch: agree == points,
                        extra: ["agreement": agreement, "inside_china": inside]))
        rows.append(Row(workload: workload, engine: "brute-force-pip", seconds: bruteSeconds, operations: points,
                        resultsPerQuery: nil, resultsMatch: true, extra: ["agreement": 1.0, "inside_china": inside]))
    }

    /// Our qps divided by this row's (for peers), or ours divided by each peer's (for us).
    func ours(_ workload: String) -> Row? { rows.first { $0.workload == workload && $0.engine == "homeward" } }

    func finish() {
        if json {
            for row in rows {
                var o: [String: Any] = ["workload": row.workload, "engine": row.engine, "qps": row.qps,
                                        "seconds": row.seconds, "operations": row.operations]
                o["results_match"] = row.resultsMatch ?? NSNull()
                o["results_per_query"] = row.resultsPerQuery ?? NSNull()
                if let us = ours(row.workload) {
                    if row.engine == "homeward" {
                        for peer in rows where peer.workload == row.workload && peer.engine != "homeward" {
                            o["ratio_vs_\(peer.engine.replacingOccurrences(of: "-", with: "_"))"] = row.qps / peer.qps
                        }
                    } else {
                        o["homeward_ratio"] = us.qps / row.qps
                    }
                }
                for (k, v) in row.extra { o[k] = v }
                let data = try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
            return
        }
        print("bench geo: \(label)")
        let header = ["workload", "engine", "qps", "results/query", "match", "homeward ÷ engine"]
        var lines = [header]
        for row in rows {
            let ratio = ours(row.workload).map { String(format: "%.1f×", $0.qps / row.qps) } ?? "-"
            var match = row.resultsMatch.map { $0 ? "yes" : "NO" } ?? "-"
            if let a = row.extra["agreement"] as? Double { match += String(format: " (%.4f%%)", a * 100) }
            lines.append([row.workload, row.engine, Self.format(row.qps),
                          row.resultsPerQuery.map { String(format: "%.1f", $0) } ?? "-", match,
                          row.engine == "homeward" ? "" : ratio])
        }
        let widths = header.indices.map { c in lines.map { $0[c].count }.max()! }
        for (i, l) in lines.enumerated() {
            print(l.indices.map { c in c < 2 ? l[c].padding(toLength: widths[c], withPad: " ", startingAt: 0)
                                             : String(repeating: " ", count: widths[c] - l[c].count) + l[c] }.joined(separator: "  "))
            if i == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if x >= 1e6 { return String(format: "%.2fM", x / 1e6) }
        if x >= 1e3 { return String(format: "%.1fk", x / 1e3) }
        return String(format: "%.1f", x)
    }
}

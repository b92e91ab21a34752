import ClusterCore
import Foundation
import HomewardDriver
import Workload

/// Issue 13: what CURVE costs. The same workload runs twice in one process
/// against fresh local clusters: as configured (CURVE, keys, access checks) and
/// with a copy of the config in plain text (loopback only), then prints both
/// and the ratios.
extension BenchCluster {
    static func curveCost(configPath: String, spec: WorkloadSpec, rate: Double, folder: String, json: Bool) async throws {
        var plain = try ClusterConfig.load(path: configPath)
        plain.security.plainText = true
        let plainFolder = (folder as NSString).appendingPathComponent("plain-config")
        try FileManager.default.createDirectory(atPath: plainFolder, withIntermediateDirectories: true)
        // The copy keeps the original's geo data and data key (personal data stays sealed in both runs).
        let geo = (GeoData.directory(forConfig: configPath) as NSString).standardizingPath
        let absoluteGeo = geo.hasPrefix("/") ? geo : FileManager.default.currentDirectoryPath + "/" + geo
        try? FileManager.default.createSymbolicLink(atPath: (plainFolder as NSString).appendingPathComponent("geo"), withDestinationPath: absoluteGeo)
        plain.security.keysDirectory = "keys"
        plain.security.allowList = "keys/allow-list.json"
        plain.security.dataKey = "keys/data.key"
        let plainPath = (plainFolder as NSString).appendingPathComponent("cluster.json")
        try JSONEncoder().encode(plain).write(to: URL(fileURLWithPath: plainPath))

        var reports: [(String, RunReport)] = []
        for (name, path) in [("curve", configPath), ("plain", plainPath)] {
            let session = ClusterSession(configPath: path, runDirectory: (folder as NSString).appendingPathComponent(name), spec: spec, rate: rate)
            let report = try await session.run { line in if !json { print("[\(name)] \(line)") } }
            reports.append((name, report))
        }
        let curve = reports[0].1, clear = reports[1].1
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        if json {
            let out: [String: Double] = [
                "curve_ack_p99_ms": curve.ackP99Ms, "plain_ack_p99_ms": clear.ackP99Ms,
                "curve_alert_p99_ms": curve.p99Ms, "plain_alert_p99_ms": clear.p99Ms,
                "curve_unique_per_s": curve.uniquePerSecond, "plain_unique_per_s": clear.uniquePerSecond,
                "ack_p99_ratio": ratio(curve.ackP99Ms, clear.ackP99Ms), "alert_p99_ratio": ratio(curve.p99Ms, clear.p99Ms),
            ]
            print(String(decoding: try JSONEncoder().encode(out), as: UTF8.self))
            return
        }
        for (name, r) in reports {
            print(name + String(format: ": %.0f unique/s, ack p50 %.2f ms p99 %.2f ms, alert p50 %.1f ms p99 %.1f ms, %d of %d matches",
                         r.uniquePerSecond, r.ackP50Ms, r.ackP99Ms, r.p50Ms, r.p99Ms, r.foundMatches, r.expectedMatches))
        }
        print(String(format: "CURVE / plain: ack p99 ×%.2f, alert p99 ×%.2f, throughput ×%.2f",
                     ratio(curve.ackP99Ms, clear.ackP99Ms), ratio(curve.p99Ms, clear.p99Ms), ratio(curve.uniquePerSecond, clear.uniquePerSecond)))
    }
}

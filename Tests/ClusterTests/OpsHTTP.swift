import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a path from a process's ops endpoint (plain HTTP on loopback).
enum OpsHTTP {
    struct Answer {
        var status: Int
        var body: String
    }

    static func get(_ endpoint: String, _ path: String) async throws -> Answer {
        var request = URLRequest(url: URL(string: endpoint + path)!)
        request.timeoutInterval = 5
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
    }

    /// The value of one sample line (`name{labels} value`) in a Prometheus text page, if present.
    static func sample(_ page: String, _ series: String) -> Double? {
        for line in page.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// Polls until `condition` holds on the answer to `path`, or gives up after `attempts` tries 100 ms apart.
    static func waitFor(_ endpoint: String, _ path: String, attempts: Int = 300, _ condition: (Answer) -> Bool) async throws -> Answer {
        var last = Answer(status: 0, body: "")
        for _ in 0..<attempts {
            if let answer = try? await get(endpoint, path) {
                last = answer
                if condition(answer) { return answer }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP status of a GET on a process's ops endpoint (0 when it does not answer).
enum OpsHTTPProbe {
    static func status(_ url: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return 0 }
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// Polls (every 100 ms, at most 100 times) until the status is `wanted`; the last status seen.
    static func status(_ url: String, until wanted: Int) async throws -> Int {
        var last = 0
        for _ in 0..<100 {
            last = try await status(url)
            if last == wanted { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }
}

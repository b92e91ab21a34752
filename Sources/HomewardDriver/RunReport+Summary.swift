import Foundation

extension RunReport {
    /// The human summary of a run (demo, `bench cluster`, load tests).
    public var summaryText: String {
        let r = self
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        return """

            summary
              cases registered       \(r.cases)
              submissions offered    \(r.sightingsOffered) at \(f(r.offeredPerSecond))/s (sightings and cases during the run)
              acknowledged           \(r.sightingsAcknowledged) sightings (\(r.reposts) reposts collapsed), \(f(r.uniquePerSecond)) unique/s; never: \(r.sightingsNeverAcknowledged) sightings, \(r.casesNeverAcknowledged) cases
              submit→ack             p50 \(f(r.ackP50Ms)) ms, p99 \(f(r.ackP99Ms)) ms
              submit→alert           p50 \(f(r.p50Ms)) ms, p99 \(f(r.p99Ms)) ms, p99.9 \(f(r.p999Ms)) ms
              alerts received        \(r.alertsReceived)
              true matches found     \(r.foundMatches) of \(r.expectedMatches) (missing \(r.missing), unexpected \(r.unexpected), duplicates \(r.duplicates))
              errors                 \(r.errors.isEmpty ? "none" : r.errors.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", "))
            """
    }
}

import Foundation
import HomewardProtocol
import Synchronization

/// Prints alert events once each, in the order their sequence numbers say
/// (`homeward alerts tail`: catch-up and the live stream may both deliver one).
public final class AlertPrinter: Sendable {
    private let seen = Mutex<Set<String>>([])

    public init() {}

    public func print(_ event: Homeward_V1_AlertEvent) {
        guard let line = Self.line(for: event), seen.withLock({ $0.insert(line).inserted }) else { return }
        // Straight to the file descriptor, one write per line: stdout is block
        // buffered into a pipe, and lines still in the buffer were lost on SIGTERM.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The line `alerts tail --help` documents; nil for an event it does not print.
    public static func line(for event: Homeward_V1_AlertEvent) -> String? {
        switch event.event {
        case .alert(let a)?:
            "#\(a.sequence) \(a.tier == .urgent ? "URGENT" : "review") alert \(a.alertID) case \(a.caseID) sighting \(a.sightingID)"
                + " rank \(a.rank) score \(String(format: "%.3f", a.score)) face \(String(format: "%.3f", a.face))"
                + " distance \(String(format: "%.0f", a.distanceKm)) km"
        case .caseClosed(let c)?:
            "#\(c.sequence) case \(c.caseID) closed (\(c.found ? "found" : "withdrawn"))"
        default: nil
        }
    }
}

import Foundation
import Logging

/// Bootstraps swift-log once per process (the executable calls this before
/// anything logs): one line per event on stderr, as text or as JSON.
public enum LogSetup {
    public enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    /// Installs the handler for every logger. Only the executable calls this,
    /// once; libraries only make `Logger`s.
    public static func bootstrap(level: Logger.Level, format: Format) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = switch format {
            case .text: StreamLogHandler.standardError(label: label)
            case .json: JSONLogHandler(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}

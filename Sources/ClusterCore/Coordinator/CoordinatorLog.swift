/// A log line the core asks for (never personal data: ids and counts only).
public struct CoordinatorLog: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, warning, error }

    public var level: Level
    public var message: String
    public var metadata: [String: String]

    public init(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}

import Foundation
import Logging
import Synchronization

/// One JSON object per line on stderr: `ts` (ISO 8601, UTC, milliseconds),
/// `level`, `logger`, `msg`, then the metadata keys. For log shippers that
/// read structured lines; `--log-format json`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    let label: String

    /// Lines from all threads go out whole, one at a time.
    private static let output = Mutex(())

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let line = Self.line(time: Date(), level: event.level, label: label, message: "\(event.message)", metadata: fields)
        Self.output.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// The JSON text of one record (keys in a fixed order: the four fixed ones, then metadata by name).
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var parts = [
            "\"ts\":" + quoted(timestamp(time)), "\"level\":" + quoted(level.rawValue),
            "\"logger\":" + quoted(label), "\"msg\":" + quoted(message),
        ]
        for key in metadata.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
            parts.append(quoted(key) + ":" + json(metadata[key]!))
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): quoted(s)
        case .stringConvertible(let c): quoted(c.description)
        case .array(let a): "[" + a.map(json).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.keys.sorted().map { quoted($0) + ":" + json(d[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}

import ArgumentParser
import HomewardOps
import Logging

extension LogSetup.Format: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--log-level` and `--log-format` of the long-running roles; `bootstrap()`
/// installs swift-log's handler once, before anything logs.
struct LogOptions: ParsableArguments {
    @Option(help: "Lowest level logged: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Log line format on stderr: text or json (one JSON object per line).")
    var logFormat: LogSetup.Format = .text

    func bootstrap() { LogSetup.bootstrap(level: logLevel, format: logFormat) }
}

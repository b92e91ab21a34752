import HomewardSecurity
import ZeroMQ

extension ConsoleConfig {
    /// The CURVE settings of the console's coordinator sockets (requests and
    /// the alert stream), or nil without `keys` (plain text).
    func curve() throws -> ZMQCurveRole? {
        guard let keys else { return nil }
        let paths = SecurityPaths(keysDirectory: keys.directory, coordinatorKey: keys.coordinatorKey ?? "coordinator")
        return .client(try KeyFiles.pair(keys.name ?? "console", paths: paths),
                       serverPublicKey: try KeyFiles.publicKey(paths.coordinatorKey, paths: paths))
    }
}

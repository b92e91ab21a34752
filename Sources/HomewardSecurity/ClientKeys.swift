import ClusterCore
import ZeroMQ

/// The CURVE settings of a client socket: the named key pair and the
/// coordinator's public key, both from the config's keys folder. Nil in plain-text mode.
public enum ClientKeys {
    public static func curve(name: String, config: ClusterConfig, configPath: String) throws(SecurityError) -> ZMQCurveRole? {
        if config.security.plainText { return nil }
        let paths = SecurityPaths(config: config, configPath: configPath)
        let pair = try KeyFiles.pair(name, paths: paths)
        let server = try KeyFiles.publicKey(paths.coordinatorKey, paths: paths)
        return .client(pair, serverPublicKey: server)
    }
}

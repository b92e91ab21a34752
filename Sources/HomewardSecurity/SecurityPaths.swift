import ClusterCore
import Foundation

/// Where a config's key files, allow-list and data key are: its `security`
/// paths resolved against the config file's folder.
public struct SecurityPaths: Sendable, Equatable {
    public var keysDirectory: String
    public var allowList: String
    public var coordinatorKey: String
    public var dataKey: String

    public init(config: ClusterConfig, configPath: String) {
        let folder = (configPath as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(path)
        }
        keysDirectory = (resolve(config.security.keysDirectory) as NSString).standardizingPath
        allowList = (resolve(config.security.allowList) as NSString).standardizingPath
        coordinatorKey = config.security.coordinatorKey
        dataKey = (resolve(config.security.dataKey) as NSString).standardizingPath
    }

    /// A client's view (the operator console): only the keys folder matters;
    /// the allow-list and data key are where `keys init` would put them.
    public init(keysDirectory: String, coordinatorKey: String) {
        self.keysDirectory = (keysDirectory as NSString).standardizingPath
        self.coordinatorKey = coordinatorKey
        allowList = (self.keysDirectory as NSString).appendingPathComponent("allow-list.json")
        dataKey = (self.keysDirectory as NSString).appendingPathComponent("data.key")
    }

    public func secretKeyFile(_ name: String) -> String { (keysDirectory as NSString).appendingPathComponent("\(name).key") }
    public func publicKeyFile(_ name: String) -> String { (keysDirectory as NSString).appendingPathComponent("\(name).pub") }
}

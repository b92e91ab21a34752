import Foundation

/// The console's own config file (`homeward console --config FILE`): where the
/// coordinator is, where to listen, the users file, and the photo vault. Paths
/// are relative to the config file's folder.
public struct ConsoleConfig: Codable, Sendable, Equatable {
    public struct Photos: Codable, Sendable, Equatable {
        /// Folder of sealed photo files.
        public var directory: String
        /// 64 hex characters (32 bytes), mode 0600, kept outside `directory`.
        public var keyFile: String
        /// Days a photo is kept after its case closes (case photos) or after its
        /// last alert's case closes (sighting photos).
        public var retentionDays: Int
    }

    public var host: String
    public var port: Int
    /// The coordinator's client (ROUTER) and alert (PUB) endpoints.
    public var clientEndpoint: String
    public var alertsEndpoint: String
    /// cluster-config/geo: provinces.csv and provinces.geojson.
    public var geoDirectory: String
    public var usersFile: String
    public var photos: Photos
    /// Set the cookie's Secure flag (true behind TLS; false on loopback tests).
    public var secureCookies: Bool?
    /// The console's CURVE key (issue 13). Absent: plain text, which only a
    /// coordinator with `security.plainText` (loopback only) accepts.
    public var keys: Keys?

    public struct Keys: Codable, Sendable, Equatable {
        /// The cluster's keys folder: the console's key pair and the coordinator's public key.
        public var directory: String
        /// The console's key pair in `directory` (role `console` in the allow-list); default `console`.
        public var name: String?
        /// The coordinator's public key in `directory`; default `coordinator`.
        public var coordinatorKey: String?
    }

    /// Reads the file and makes its paths absolute (relative to its folder).
    public static func load(path: String) throws -> ConsoleConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConsoleError.config("cannot read console config \(path)")
        }
        var config: ConsoleConfig
        do {
            config = try JSONDecoder().decode(ConsoleConfig.self, from: data)
        } catch {
            throw ConsoleError.config("console config \(path) is not valid: \(error)")
        }
        guard config.photos.retentionDays >= 0 else {
            throw ConsoleError.config("photos.retentionDays must be 0 or more (days after a case closes)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : (folder as NSString).appendingPathComponent(p) }
        config.geoDirectory = absolute(config.geoDirectory)
        config.usersFile = absolute(config.usersFile)
        config.photos.directory = absolute(config.photos.directory)
        config.photos.keyFile = absolute(config.photos.keyFile)
        if let keys = config.keys { config.keys?.directory = absolute(keys.directory) }
        return config
    }
}

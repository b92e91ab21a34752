import Foundation

/// Where a coordinator database is: the config's `coordinator.database`, an
/// absolute path or one relative to the config file's folder.
public enum DatabaseLocation {
    public static func resolve(_ configured: String, configPath: String) -> String {
        if configured.hasPrefix("/") { return configured }
        return ((configPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(configured)
    }
}

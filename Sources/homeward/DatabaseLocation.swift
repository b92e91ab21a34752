import ArgumentParser
import Foundation

/// The coordinator database path a command works on: given, or the config's
/// `coordinator.database` relative to the config file's folder.
enum DatabaseLocation {
    static func path(_ given: String?, config: ConfigOptions) throws -> String {
        if let given { return given }
        let database = try config.load().coordinator.database
        if database.hasPrefix("/") { return database }
        return ((config.config as NSString).deletingLastPathComponent as NSString).appendingPathComponent(database)
    }
}

import ClusterCore
import Foundation

extension KeyRing {
    /// `homeward keys generate`: makes the key and says what was made and where.
    /// `provinces` is the command line's comma-separated list (nil: every province).
    public static func generateDescribed(name: String, role: String, provinces: String?, workerID: String?,
                                         paths: SecurityPaths) throws(SecurityError) -> [String] {
        let codes = provinces.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let issued = try generate(name: name, role: role, provinces: codes, workerID: workerID, paths: paths)
        return [
            "key \(issued.entry.name): role \(issued.entry.role), public \(issued.entry.publicKey)",
            "secret key: \(issued.secretFile) (mode 0600; give it only to its holder)",
            "allow-list: \(paths.allowList)",
        ]
    }

    /// `homeward keys init`: makes every missing key the config names and says which.
    public static func initializeDescribed(config: ClusterConfig, paths: SecurityPaths) throws(SecurityError) -> String {
        let made = try initialize(config: config, paths: paths)
        return made.isEmpty ? "every key exists (\(paths.keysDirectory))" : "made \(made.joined(separator: ", ")) in \(paths.keysDirectory)"
    }
}

import ClusterCore
import Foundation
import HomewardProtocol
import ZeroMQ

/// `homeward keys`: makes key pairs and keeps the allow-list in step with them.
public enum KeyRing {
    /// What `generate` made.
    public struct Issued: Sendable {
        public var entry: AllowListEntry
        public var secretFile: String
    }

    /// A new key pair under `name` and its allow-list entry (replacing an entry
    /// of that name: how a key is rotated). Refuses to overwrite an existing secret.
    public static func generate(name: String, role: String, provinces: [String]?, workerID: String?,
                                paths: SecurityPaths) throws(SecurityError) -> Issued {
        var list = try AllowList.loadOrEmpty(path: paths.allowList)
        // Check the entry before anything is written (a dummy key stands in).
        _ = try AllowListEntry(name: name, role: role, provinces: provinces, workerID: workerID,
                               publicKey: String(repeating: "0", count: 40)).principal()
        if KeyFiles.exists(name, paths: paths) {
            throw SecurityError("a key named \(name) exists (\(paths.secretKeyFile(name))); to rotate it, `homeward keys revoke --name \(name)` first")
        }
        let pair = try KeyFiles.create(name, paths: paths)
        let entry = AllowListEntry(name: name, role: role, provinces: provinces, workerID: workerID, publicKey: pair.publicKey.z85)
        try list.add(entry)
        try list.save(path: paths.allowList)
        return Issued(entry: entry, secretFile: paths.secretKeyFile(name))
    }

    /// Removes `name` from the allow-list and deletes its secret (the coordinator
    /// drops its connections at the next reload).
    public static func revoke(name: String, paths: SecurityPaths) throws(SecurityError) {
        var list = try AllowList.load(path: paths.allowList)
        guard list.remove(name) else { throw SecurityError("no key named \(name) in \(paths.allowList)") }
        try list.save(path: paths.allowList)
        try? FileManager.default.removeItem(atPath: paths.secretKeyFile(name))
        try? FileManager.default.removeItem(atPath: paths.publicKeyFile(name))
    }

    /// Writes a fresh data key (32 random bytes as hexadecimal, mode 0600)
    /// unless one exists; returns whether it made one.
    public static func createDataKey(paths: SecurityPaths) throws(SecurityError) -> Bool {
        if FileManager.default.fileExists(atPath: paths.dataKey) { return false }
        let folder = (paths.dataKey as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SecurityError("cannot create \(folder): \(error.localizedDescription)")
        }
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        try KeyFiles.writeNew(paths.dataKey, hex + "\n", mode: 0o600)
        return true
    }

    /// Every key the config names that is missing: the coordinator's server
    /// pair, one worker key per worker (`worker-ID`), and `security.keys`.
    /// Idempotent: existing keys and entries are left alone. Returns the names made.
    @discardableResult
    public static func initialize(config: ClusterConfig, paths: SecurityPaths) throws(SecurityError) -> [String] {
        var made: [String] = []
        if try createDataKey(paths: paths) { made.append("data key") }
        // Plain text has no CURVE keys; personal data is sealed all the same.
        if config.security.plainText { return made }
        if !KeyFiles.exists(paths.coordinatorKey, paths: paths) {
            _ = try KeyFiles.create(paths.coordinatorKey, paths: paths)
            made.append(paths.coordinatorKey)
        }
        typealias Wanted = (name: String, role: String, provinces: [String]?, workerID: String?)
        var wanted: [Wanted] = config.workers.map { w -> Wanted in ("worker-\(w.id.rawValue)", "worker", nil, w.id.rawValue) }
        wanted += config.security.keys.map { k -> Wanted in (k.name, k.role, k.provinces, nil) }
        let list = try AllowList.loadOrEmpty(path: paths.allowList)
        for (name, role, provinces, workerID) in wanted {
            if list.principals[name] != nil, KeyFiles.exists(name, paths: paths) { continue }
            if KeyFiles.exists(name, paths: paths) {
                // A secret with no entry (an interrupted run): list it again.
                var list = try AllowList.loadOrEmpty(path: paths.allowList)
                let pair = try KeyFiles.pair(name, paths: paths)
                try list.add(AllowListEntry(name: name, role: role, provinces: provinces, workerID: workerID, publicKey: pair.publicKey.z85))
                try list.save(path: paths.allowList)
            } else {
                _ = try generate(name: name, role: role, provinces: provinces, workerID: workerID, paths: paths)
            }
            made.append(name)
        }
        if !FileManager.default.fileExists(atPath: paths.allowList) { try AllowList().save(path: paths.allowList) }
        return made
    }
}

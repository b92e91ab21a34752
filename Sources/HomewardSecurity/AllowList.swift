import Foundation
import HomewardProtocol
import ZeroMQ

/// The keys the coordinator admits: a JSON file of `AllowListEntry`s that
/// `homeward keys` writes and the coordinator rereads on SIGHUP. A file with
/// one bad entry is refused whole: half an allow-list is a wrong one.
public struct AllowList: Sendable, Equatable {
    public private(set) var entries: [AllowListEntry] = []
    /// Checked entries by name, and names by key.
    public private(set) var principals: [String: Principal] = [:]
    public private(set) var keys: [ZMQCurveKey: String] = [:]

    /// ZAP domains of the coordinator's sockets; each admits some roles only.
    public static let domainRoles: [String: Set<ClientRole>] = [
        "clients": [.intake, .operator, .reviewer, .desk, .admin, .console],
        "alerts": [.reviewer, .desk, .console],
        "workers": [.worker],
        "control": [.worker],
    ]

    public init() {}

    public init(entries: [AllowListEntry]) throws(SecurityError) {
        for entry in entries { try add(entry) }
    }

    /// Adds (or, under the same name, replaces) an entry.
    public mutating func add(_ entry: AllowListEntry) throws(SecurityError) {
        let (principal, key) = try entry.principal()
        if let holder = keys[key], holder != entry.name {
            throw SecurityError("allow-list: key of \(entry.name) is already listed as \(holder); every identity needs its own key")
        }
        remove(entry.name)
        entries.append(entry)
        principals[entry.name] = principal
        keys[key] = entry.name
    }

    /// Removes an entry (revocation); returns whether it was there.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard let i = entries.firstIndex(where: { $0.name == name }) else { return false }
        entries.remove(at: i)
        principals[name] = nil
        keys = keys.filter { $0.value != name }
        return true
    }

    /// The ZAP policy: each listed key admitted under its name, in the domains of its role.
    public var zapPolicy: ZAPPolicy {
        var policy = ZAPPolicy()
        for (key, name) in keys { policy.allow(key, role: name) }
        for (domain, roles) in Self.domainRoles {
            policy.domainRoles[domain] = Set(principals.values.filter { roles.contains($0.role) }.map(\.name))
        }
        return policy
    }

    // MARK: file

    public static func load(path: String) throws(SecurityError) -> AllowList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SecurityError("cannot read the allow-list \(path); create it with `homeward keys init --config FILE`")
        }
        let entries: [AllowListEntry]
        do { entries = try JSONDecoder().decode([AllowListEntry].self, from: data) } catch {
            throw SecurityError("allow-list \(path) is not a JSON array of entries: \(error)")
        }
        return try AllowList(entries: entries)
    }

    /// Loads the file, or an empty list when there is none yet.
    public static func loadOrEmpty(path: String) throws(SecurityError) -> AllowList {
        FileManager.default.fileExists(atPath: path) ? try load(path: path) : AllowList()
    }

    /// Writes atomically (a reader sees the old list or the new one), mode 0600.
    public func save(path: String) throws(SecurityError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(entries.sorted { $0.name < $1.name })
            let temp = path + ".tmp-\(getpid())"
            FileManager.default.createFile(atPath: temp, contents: data, attributes: [.posixPermissions: 0o600])
            guard rename(temp, path) == 0 else {
                throw SecurityError("cannot replace the allow-list \(path): \(String(cString: strerror(errno)))")
            }
        } catch let error as SecurityError {
            throw error
        } catch {
            throw SecurityError("cannot write the allow-list \(path): \(error.localizedDescription)")
        }
    }
}

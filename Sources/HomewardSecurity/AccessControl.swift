import HomewardProtocol
import Synchronization
import ZeroMQ

/// The coordinator's live allow-list: the ZAP authenticator that admits keys
/// at the handshake, and the name → principal lookup every message is checked
/// against (so a key revoked by a reload is refused at its very next message,
/// even on a connection that is still open). `plain` admits everyone as a
/// national admin-of-everything: plain-text mode on loopback only.
public final class AccessControl: Sendable {
    public let authenticator: ZAPAuthenticator
    private let list: Mutex<AllowList>
    public let path: String?

    /// Plain-text mode has no keys: every peer is `Principal.loopback`.
    public var isPlain: Bool { path == nil }

    public init(allowListPath: String) throws(SecurityError) {
        let loaded = try AllowList.load(path: allowListPath)
        path = allowListPath
        list = Mutex(loaded)
        authenticator = ZAPAuthenticator(loaded.zapPolicy)
    }

    /// No keys, no checks: every peer is `Principal.loopback`.
    public init(plain: ()) {
        path = nil
        list = Mutex(AllowList())
        authenticator = ZAPAuthenticator()
    }

    /// The principal a ZAP `User-Id` names now; nil for an unknown or revoked name.
    public func principal(userID: String?) -> Principal? {
        if isPlain { return .loopback }
        guard let userID else { return nil }
        return list.withLock { $0.principals[userID] }
    }

    public var allowList: AllowList { list.withLock { $0 } }

    /// What a reload changed.
    public struct Change: Sendable, Equatable {
        public var added: [String]
        public var removed: [String]
        /// Names whose key, role, provinces or worker id changed.
        public var changed: [String]
        /// Worker ids whose key was removed or changed: their sessions end now.
        public var revokedWorkers: [String] = []
        /// ZAP domains (`AllowList.domainRoles`) in which a key removed or
        /// changed by this reload could hold an open connection: the
        /// coordinator drops every connection of those sockets, and only keys
        /// admitted now come back through the handshake.
        public var droppedDomains: [String] = []
    }

    /// Rereads the allow-list file; a file that does not load leaves the list as it was.
    public func reload() throws(SecurityError) -> Change {
        guard let path else { return Change(added: [], removed: [], changed: []) }
        let fresh = try AllowList.load(path: path)
        let old = list.withLock { current in
            defer { current = fresh }
            return current
        }
        authenticator.update { $0 = fresh.zapPolicy }
        let before = Dictionary(old.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(fresh.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var change = Change(added: after.keys.filter { before[$0] == nil }.sorted(),
                            removed: before.keys.filter { after[$0] == nil }.sorted(),
                            changed: after.keys.filter { before[$0] != nil && before[$0] != after[$0] }.sorted())
        change.revokedWorkers = (change.removed + change.changed).compactMap { old.principals[$0]?.workerID }.sorted()
        // A changed entry counts too: its connections were admitted under the old key, role or provinces.
        let oldRoles = Set((change.removed + change.changed).compactMap { old.principals[$0]?.role })
        change.droppedDomains = AllowList.domainRoles.filter { !$0.value.isDisjoint(with: oldRoles) }.keys.sorted()
        return change
    }
}

extension Principal {
    /// Everyone in plain-text mode (no keys): allowed everything, nationally.
    /// Only a loopback-only config may run like this (`ClusterConfig.plainTextRefusal`).
    public static let loopback = Principal(name: "loopback", role: .admin, scope: .national)
}

extension ClusterConfig {
    /// CURVE keys, the allow-list and the personal-data key (docs/security.md).
    /// Paths are relative to the config file's folder when not absolute.
    public struct Security: Codable, Sendable, Equatable {
        /// Plain TCP with no keys and no identities. Allowed only when every
        /// endpoint is loopback: the coordinator refuses to start otherwise.
        public var plainText = false
        /// Key files: NAME.key (secret, mode 0600) and NAME.pub beside it.
        public var keysDirectory = "../var/keys"
        /// The allow-list the coordinator's ZAP handler admits (JSON), reread on SIGHUP.
        public var allowList = "../var/keys/allow-list.json"
        /// The data key (32 bytes, hexadecimal, mode 0600) that seals personal
        /// data in the database and keys the audit chain. Keep it off the
        /// database's disk and out of its backups.
        public var dataKey = "../var/keys/data.key"
        /// Name of the coordinator's own key pair in `keysDirectory`.
        public var coordinatorKey = "coordinator"
        /// Client keys `homeward keys init` creates when missing (worker keys,
        /// `worker-ID`, are made for every worker of the config).
        public var keys: [Key] = [
            Key(name: "intake", role: "intake"),
            Key(name: "operator", role: "operator", provinces: ["*"]),
            Key(name: "reviewer", role: "reviewer", provinces: ["*"]),
            Key(name: "desk", role: "desk", provinces: ["*"]),
            Key(name: "admin", role: "admin"),
            Key(name: "console", role: "console", provinces: ["*"]),
        ]

        public init() {}

        public struct Key: Codable, Sendable, Equatable {
            public var name: String
            public var role: String
            /// Six-digit codes, or `["*"]` for every province; absent: every province.
            public var provinces: [String]?

            public init(name: String, role: String, provinces: [String]? = nil) {
                self.name = name
                self.role = role
                self.provinces = provinces
            }
        }
    }

    /// Whether an endpoint can only be reached from this host (the condition
    /// for `security.plainText`): tcp on 127.0.0.0/8, ::1 or localhost, or ipc/inproc.
    public static func isLoopback(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") { return true }
        guard endpoint.hasPrefix("tcp://") else { return false }
        var host = String(endpoint.dropFirst("tcp://".count))
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
            return host == "::1"
        }
        host = String(host.prefix { $0 != ":" })
        return host == "localhost" || host.hasPrefix("127.")
    }

    /// Why this config may not run in plain text, or nil when it may (or uses CURVE).
    public var plainTextRefusal: String? {
        guard security.plainText else { return nil }
        let c = coordinator
        let named = [("clientEndpoint", c.clientEndpoint), ("alertsEndpoint", c.alertsEndpoint),
                     ("workerEndpoint", c.workerEndpoint), ("controlEndpoint", c.controlEndpoint)]
        let open = named.filter { !Self.isLoopback($0.1) }
        guard open.isEmpty else {
            return "security.plainText is set but \(open.map { "coordinator.\($0.0) \($0.1)" }.joined(separator: ", ")) is not loopback; plain TCP would send children's data in the clear: remove plainText (CURVE is the default) or bind loopback addresses only"
        }
        return nil
    }
}

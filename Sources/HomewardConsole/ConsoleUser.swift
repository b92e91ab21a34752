/// One entry of the console users file. Passwords are bcrypt hashes; intake
/// tokens are random 32-byte values stored as their SHA-256 (a token has full
/// entropy, so a fast hash is enough and lookups stay cheap).
public struct ConsoleUser: Codable, Sendable, Equatable {
    public var name: String
    public var role: ConsoleRole
    /// Province codes this user may see; empty: every province.
    public var provinces: [String]
    public var passwordHash: String?
    public var tokenSHA256: String?

    public init(name: String, role: ConsoleRole, provinces: [String], passwordHash: String? = nil, tokenSHA256: String? = nil) {
        self.name = name
        self.role = role
        self.provinces = provinces
        self.passwordHash = passwordHash
        self.tokenSHA256 = tokenSHA256
    }

    public var scope: ProvinceScope { ProvinceScope(provinces) }
}

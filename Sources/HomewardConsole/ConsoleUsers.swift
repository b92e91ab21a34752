import Crypto
import Foundation
import HomewardProtocol
import HummingbirdBcrypt

/// The console users file: a JSON list of `ConsoleUser`, written by
/// `homeward console user add` (mode 0600) and read by the console at start.
public struct ConsoleUsers: Sendable, Equatable {
    public private(set) var users: [ConsoleUser]

    public init(users: [ConsoleUser] = []) { self.users = users }

    public static func load(path: String) throws -> ConsoleUsers {
        guard FileManager.default.fileExists(atPath: path) else { return ConsoleUsers() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConsoleError.users("cannot read users file \(path)")
        }
        do {
            return ConsoleUsers(users: try JSONDecoder().decode([ConsoleUser].self, from: data))
        } catch {
            throw ConsoleError.users("users file \(path) is not valid: \(error)")
        }
    }

    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(users)
        let url = URL(fileURLWithPath: path)
        try data.write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Adds or replaces a user. Pages users get a password (bcrypt, cost 10);
    /// intake users get a token, returned once (only its hash is stored).
    public mutating func add(name: String, role: ConsoleRole, provinces: [String], password: String?) throws -> String? {
        guard !name.isEmpty, name.utf8.count <= 100, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ConsoleError.users("a user name is 1-100 letters, digits, '-', '_' or '.'")
        }
        for code in provinces where !ProvinceCode.isValid(code) {
            throw ConsoleError.users("province \(code) is not a 6-digit code (e.g. 440000)")
        }
        var user = ConsoleUser(name: name, role: role, provinces: provinces)
        var token: String?
        if role == .intake {
            let fresh = Self.randomHex(bytes: 32)
            user.tokenSHA256 = Self.sha256Hex(fresh)
            token = fresh
        } else {
            guard let password, password.count >= 10 else {
                throw ConsoleError.users("a password has at least 10 characters")
            }
            user.passwordHash = Bcrypt.hash(password, cost: 10)
        }
        users.removeAll { $0.name == name }
        users.append(user)
        return token
    }

    /// The user whose password this is, or nil. Unknown names still cost one
    /// bcrypt verification, so timing does not tell which names exist.
    public func signIn(name: String, password: String) -> ConsoleUser? {
        guard let user = users.first(where: { $0.name == name && $0.role.mayUsePages }), let hash = user.passwordHash else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? user : nil
    }

    /// The intake user holding this API token, or nil.
    public func intakeUser(token: String) -> ConsoleUser? {
        let digest = Self.sha256Hex(token)
        return users.first { $0.tokenSHA256 == digest }
    }

    public func user(named name: String) -> ConsoleUser? { users.first { $0.name == name } }

    static let decoyHash = Bcrypt.hash("decoy password for unknown names", cost: 10)

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

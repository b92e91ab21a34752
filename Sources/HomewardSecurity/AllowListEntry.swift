import HomewardProtocol
import ZeroMQ

/// One admitted key: its name (the identity audit entries record), role,
/// provinces and, for a worker key, the one worker id it may register as.
public struct AllowListEntry: Codable, Sendable, Equatable {
    public var name: String
    public var role: String
    /// `["*"]` or six-digit codes; absent means every province.
    public var provinces: [String]?
    public var workerID: String?
    /// Z85 text of the CURVE public key.
    public var publicKey: String

    public init(name: String, role: String, provinces: [String]? = nil, workerID: String? = nil, publicKey: String) {
        self.name = name
        self.role = role
        self.provinces = provinces
        self.workerID = workerID
        self.publicKey = publicKey
    }

    /// The checked form: a known role, valid provinces, a worker id exactly for workers, a real key.
    public func principal() throws(SecurityError) -> (Principal, ZMQCurveKey) {
        try KeyFiles.checkName(name)
        guard let role = ClientRole(rawValue: role) else {
            throw SecurityError("allow-list entry \(name): unknown role \"\(self.role)\" (roles: \(ClientRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let scope: ProvinceScope
        do { scope = try ProvinceScope(codes: provinces ?? ["*"]) } catch {
            throw SecurityError("allow-list entry \(name): \(error.message)")
        }
        if role == .worker, (workerID ?? "").isEmpty {
            throw SecurityError("allow-list entry \(name): a worker key must name its worker id (--worker-id)")
        }
        if role != .worker, workerID != nil {
            throw SecurityError("allow-list entry \(name): only worker keys have a worker id")
        }
        let key: ZMQCurveKey
        do { key = try ZMQCurveKey(z85: publicKey) } catch { throw SecurityError("allow-list entry \(name): public key: \(error)") }
        return (Principal(name: name, role: role, scope: scope, workerID: workerID), key)
    }
}

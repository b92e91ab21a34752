/// Who may connect: an allow-list of CURVE client public keys, each with a role
/// (the ZAP `User-Id`, readable on every message from that peer), and optionally
/// the roles each ZAP domain admits — so worker keys open the worker socket but
/// not the operator socket. Pure value: `decide` does no I/O.
public struct ZAPPolicy: Sendable, Equatable {
    /// Client public key → role.
    public var allowed: [ZMQCurveKey: String] = [:]
    /// ZAP domain → roles admitted there. A domain not listed admits every allowed key.
    public var domainRoles: [String: Set<String>] = [:]

    public init() {}

    public mutating func allow(_ key: ZMQCurveKey, role: String) { allowed[key] = role }
    public mutating func revoke(_ key: ZMQCurveKey) { allowed[key] = nil }

    public func decide(_ request: ZAPRequest) -> ZAPReply {
        func refuse(_ why: String) -> ZAPReply {
            ZAPReply(requestID: request.requestID, statusCode: "400", statusText: why, userID: "")
        }
        guard request.mechanism == "CURVE" else { return refuse("only CURVE is accepted") }
        guard let keyBytes = request.credentials.first, let key = try? ZMQCurveKey(bytes: keyBytes) else {
            return refuse("missing CURVE client key")
        }
        guard let role = allowed[key] else { return refuse("client key not on the allow-list") }
        if let roles = domainRoles[request.domain], !roles.contains(role) {
            return refuse("role \(role) not admitted in domain \(request.domain)")
        }
        return ZAPReply(requestID: request.requestID, statusCode: "200", statusText: "OK", userID: role)
    }
}

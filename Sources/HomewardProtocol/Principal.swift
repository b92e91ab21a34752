/// An authenticated peer: the allow-list entry its CURVE key maps to.
public struct Principal: Sendable, Equatable, Hashable {
    /// The key's name (the ZAP `User-Id`); audit entries name it.
    public var name: String
    public var role: ClientRole
    public var scope: ProvinceScope
    /// For `worker` keys: the one worker id this key may register as.
    public var workerID: String?

    public init(name: String, role: ClientRole, scope: ProvinceScope, workerID: String? = nil) {
        self.name = name
        self.role = role
        self.scope = scope
        self.workerID = workerID
    }
}

/// Who may do what: a pure table over roles, actions and province scopes
/// (docs/security.md prints it). The coordinator asks it once per request,
/// with the province the request touches; every refusal names its reason.
public enum AccessPolicy {
    /// The roles allowed each action, before province scopes.
    public static let table: [ClientAction: Set<ClientRole>] = [
        .registerCase: [.intake, .operator, .console],
        .submitSighting: [.intake, .console],
        .showCase: [.operator, .console],
        .closeCase: [.operator, .console],
        .reopenCase: [.operator, .console],
        .reviewAlert: [.reviewer, .console],
        .showSighting: [.operator, .reviewer, .console],
        .alertCatchUp: [.reviewer, .desk, .console],
        .showReviews: [.reviewer, .desk, .console],
        .showPhotos: [.operator, .reviewer, .console],
        .status: [.operator, .reviewer, .desk, .admin, .console],
        .subscribeAlerts: [.reviewer, .desk, .console],
        .serveAsWorker: [.worker],
    ]

    /// Actions checked against the key's provinces as well as its role. An
    /// intake key registers cases anywhere (it reads nothing back).
    public static func isScoped(_ action: ClientAction, role: ClientRole) -> Bool {
        switch action {
        case .showCase, .closeCase, .reopenCase, .reviewAlert, .showSighting, .alertCatchUp, .showReviews, .showPhotos, .subscribeAlerts: true
        case .registerCase: role == .operator || role == .console
        case .submitSighting, .status, .serveAsWorker: false
        }
    }

    /// Why `principal` may not do `action`, or nil when it may. `provinces`
    /// are those the request touches (a case's province, an alert's topics, a
    /// catch-up topic); the action is allowed when any of them is in scope.
    public static func refusal(_ principal: Principal, _ action: ClientAction, provinces: [String?] = []) -> String? {
        guard table[action, default: []].contains(principal.role) else {
            let allowed = ClientRole.allCases.filter { table[action, default: []].contains($0) }.map(\.rawValue)
            return "key \(principal.name) (role \(principal.role.rawValue)) may not \(action.rawValue); allowed roles: \(allowed.joined(separator: ", "))"
        }
        if isScoped(action, role: principal.role), !principal.scope.containsAny(provinces) {
            let touched = provinces.map { $0 ?? "national" }.joined(separator: ",")
            return "key \(principal.name) acts for provinces \(principal.scope.codes.joined(separator: ",")), not \(touched.isEmpty ? "this" : touched)"
        }
        return nil
    }

    /// The rejection sent for a refused request.
    public static func rejection(_ reason: String, requestID: String) -> ProtocolError {
        .unauthorized(reason, requestID: requestID)
    }

    /// The alert topics a subscriber may receive when it asks for `prefix`:
    /// an exact topic in scope, or (empty prefix, "everything") all of its
    /// provinces. A national key's empty prefix stays the empty prefix.
    public static func topics(for principal: Principal, prefix: String, nationalTopic: String) -> [String] {
        guard table[.subscribeAlerts, default: []].contains(principal.role) else { return [] }
        switch principal.scope {
        case .national: return [prefix]
        case .provinces(let set):
            if prefix.isEmpty { return set.sorted() }
            return set.contains(prefix) && prefix != nationalTopic ? [prefix] : []
        }
    }
}

import ClusterCore
import GeoIndex
import HomewardProtocol
import HomewardSecurity
import HomewardStore
import Logging

/// Issue 13: the one check every client request and worker message passes,
/// with the identity of the key it came with (the ZAP `User-Id`). The decision
/// itself is `AccessPolicy`'s (pure, table-tested); this finds the provinces a
/// request touches and audits every refusal and every change an allowed
/// request made. It only reads and appends to the store, so it lives beside
/// the coordinator's actor, not in it; its async functions run on the caller's
/// executor (`nonisolated(nonsending)`), so a request does not hop off the
/// actor and back to be checked.
struct RequestAccess: Sendable {
    let control: AccessControl
    let store: SQLiteWriter
    let clock: WallClock
    let logger: Logger
    /// Province code of a point, or nil off the map.
    let locateProvince: @Sendable (GeoPoint) -> String?

    /// The request as the handlers may run it, or an `unauthorized` error.
    /// Self-declared reader and reviewer names are replaced by the key's identity.
    nonisolated(nonsending) func authorize(_ request: Homeward_V1_Request, userID: String?) async throws -> AuthorizedRequest {
        if control.isPlain { return AuthorizedRequest(request: request, principal: .loopback) }
        guard let action = ClientAction(request) else { return AuthorizedRequest(request: request, principal: nil) }   // no body: `answer` says so
        guard let principal = control.principal(userID: userID) else {
            let reason = "key \(userID ?? "(none)") is not on the allow-list (revoked?)"
            await audit(actor: userID ?? "(unknown)", role: "", action: "refused", subject: action.rawValue, reason: reason)
            throw AccessPolicy.rejection(reason, requestID: request.requestID)
        }
        let groups = try await provinceGroups(touchedBy: request)
        if let reason = groups.lazy.compactMap({ AccessPolicy.refusal(principal, action, provinces: $0) }).first {
            await audit(actor: principal.name, role: principal.role.rawValue, action: "refused", subject: action.rawValue, reason: reason)
            throw AccessPolicy.rejection(reason, requestID: request.requestID)
        }
        var allowed = request
        switch allowed.body {
        case .showCase?: allowed.showCase.operator = Self.actor(principal, declared: request.showCase.operator)
        case .reviewAlert?: allowed.reviewAlert.reviewer = Self.actor(principal, declared: request.reviewAlert.reviewer)
        case .showPhotos?: allowed.showPhotos.reader = Self.actor(principal, declared: request.showPhotos.reader)
        default: break
        }
        return AuthorizedRequest(request: allowed, principal: principal)
    }

    /// Who a read or review is recorded as: the key's name, and for the
    /// console's key also the console user it acted for ("console/alice").
    static func actor(_ principal: Principal, declared: String) -> String {
        principal.role == .console && !declared.isEmpty ? "\(principal.name)/\(declared)" : principal.name
    }

    /// Audits what an allowed request changed (reads and reviews are audited
    /// by the store in the same transaction). Notes are not copied: they may
    /// hold personal data.
    nonisolated(nonsending) func auditOutcome(_ allowed: AuthorizedRequest, reply: Homeward_V1_Reply) async {
        guard let p = allowed.principal else { return }
        switch (allowed.request.body, reply.result) {
        case (.registerCase?, .caseRegistered(let r)?):
            await audit(actor: p.name, role: p.role.rawValue, action: "register-case", subject: "case:\(r.caseID)", reason: "")
        case (.closeCase(let m)?, .caseClosed?):
            await audit(actor: p.name, role: p.role.rawValue, action: "close-case", subject: "case:\(m.caseID)", reason: "outcome \(m.outcome)")
        case (.reopenCase(let m)?, .caseReopened?):
            await audit(actor: p.name, role: p.role.rawValue, action: "reopen-case", subject: "case:\(m.caseID)", reason: m.reason)
        case (.showPhotos(let m)?, .photosShown?):   // photos are personal data: every read is audited
            await audit(actor: m.reader.isEmpty ? p.name : m.reader, role: p.role.rawValue, action: "read-photos",
                        subject: OperatorRequests.photoSubject(m), reason: "")
        default: break
        }
    }

    /// The provinces a request is about. A case or alert that does not exist
    /// counts as national, so a provincial key learns nothing of ids outside
    /// its provinces (it is refused either way).
    nonisolated(nonsending) func provinces(touchedBy request: Homeward_V1_Request) async throws -> [String?] {
        switch request.body {
        case .registerCase(let m)?:
            return [locateProvince(FeatureMapping.point(m.lastSeen))]
        case .showCase(let m)?: return try await caseProvince(m.caseID)
        case .closeCase(let m)?: return try await caseProvince(m.caseID)
        case .reopenCase(let m)?: return try await caseProvince(m.caseID)
        case .reviewAlert(let m)?:
            let alertID = m.alertID
            return try await store.read { db in try Self.alertProvinces(alertID, in: CoordinatorStore(db)) }
        case .showSighting(let m)?:
            let id = m.sightingID
            return [try await store.read { db in try CoordinatorStore(db).sighting(id: id) }?.province]
        case .alertCatchUp(let m)?:
            return [m.province == NationalTopic.code ? nil : m.province]
        case .showPhotos(let m)?:
            let subject = m.subject
            return try await store.read { db in
                let s = CoordinatorStore(db)
                switch subject {
                case .caseID(let id)?: return try s.photoProvinces(caseID: id)
                case .sightingID(let id)?: return try s.photoProvinces(sightingID: id)
                case nil: return [nil]
                }
            }
        default:
            return []
        }
    }

    /// The province sets a request must pass, each on its own: one per alert of
    /// a ShowReviews (every alert listed must be in scope, so one alert in scope
    /// does not open the others), else the one set of `provinces(touchedBy:)`.
    nonisolated(nonsending) func provinceGroups(touchedBy request: Homeward_V1_Request) async throws -> [[String?]] {
        guard case .showReviews(let m)? = request.body else { return [try await provinces(touchedBy: request)] }
        let ids = m.alertIds
        return try await store.read { db in
            let s = CoordinatorStore(db)
            return try ids.map { try Self.alertProvinces($0, in: s) }
        }
    }

    /// An alert's provinces: its case's and its sighting's (national when the alert is unknown).
    static func alertProvinces(_ alertID: String, in s: CoordinatorStore) throws -> [String?] {
        guard let ids = AlertID.parse(alertID), let c = try s.caseRecord(id: ids.caseID) else { return [nil] }
        return [c.province, try s.sighting(id: ids.sightingID)?.province]
    }

    nonisolated(nonsending) func caseProvince(_ id: UInt64) async throws -> [String?] {
        [try await store.read { db in try CoordinatorStore(db).caseRecord(id: id) }?.province]
    }

    /// Whether a worker message may be handled: its key is a worker key bound
    /// to the routing id it uses. Anything else is dropped unanswered, so a
    /// forged worker never receives a snapshot, a request or a photo.
    func admitsWorker(_ worker: WorkerID, userID: String?) -> Bool {
        if control.isPlain { return true }
        guard let principal = control.principal(userID: userID), principal.role == .worker,
              principal.workerID == worker.rawValue else {
            logger.warning("dropped a worker message: key not allowed to serve as this worker",
                           metadata: ["worker": "\(worker)", "key": "\(userID ?? "(none)")"])
            return false
        }
        return true
    }

    /// Audits an allow-list reload (the node ends revoked workers' sessions).
    nonisolated(nonsending) func auditChange(_ change: AccessControl.Change) async {
        for name in change.added { await audit(actor: "allow-list", role: "admin", action: "key-added", subject: name, reason: "allow-list reloaded") }
        for name in change.removed { await audit(actor: "allow-list", role: "admin", action: "key-revoked", subject: name, reason: "allow-list reloaded") }
        for name in change.changed { await audit(actor: "allow-list", role: "admin", action: "key-changed", subject: name, reason: "allow-list reloaded") }
    }

    /// Appends one audit entry; a failure to audit is logged (the request it
    /// describes was refused or has already been answered).
    nonisolated(nonsending) func audit(actor: String, role: String, action: String, subject: String, reason: String) async {
        let now = clock.unixSeconds()
        do {
            try await store.write { db in try CoordinatorStore(db).audit(actor: actor, role: role, action: action, subject: subject, reason: reason, at: now) }
        } catch {
            logger.error("could not write an audit entry", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }

    /// A request that passed `authorize`, with the identity it runs as (nil: no body).
    struct AuthorizedRequest: Sendable {
        var request: Homeward_V1_Request
        var principal: Principal?
    }
}

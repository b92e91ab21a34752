import Testing
@testable import HomewardProtocol

@Suite struct AccessPolicyTests {
    static func principal(_ role: ClientRole, _ codes: [String] = ["*"], name: String = "k") -> Principal {
        Principal(name: name, role: role, scope: try! ProvinceScope(codes: codes))
    }

    /// docs/security.md's table, written out once more by hand: a change to
    /// either must be made to both.
    @Test func rolesFollowTheDocumentedTable() {
        let expected: [ClientRole: Set<ClientAction>] = [
            .intake: [.registerCase, .submitSighting],
            .operator: [.registerCase, .showCase, .closeCase, .reopenCase, .showSighting, .showPhotos, .status],
            .reviewer: [.reviewAlert, .showSighting, .alertCatchUp, .showReviews, .showPhotos, .status, .subscribeAlerts],
            .desk: [.alertCatchUp, .showReviews, .status, .subscribeAlerts],
            .admin: [.status],
            .worker: [.serveAsWorker],
            .console: [.registerCase, .submitSighting, .showCase, .closeCase, .reopenCase, .reviewAlert, .showSighting, .alertCatchUp, .showReviews,
                       .showPhotos, .status, .subscribeAlerts],
        ]
        for role in ClientRole.allCases {
            for action in ClientAction.allCases {
                let refused = AccessPolicy.refusal(Self.principal(role), action, provinces: ["440000"])
                #expect((refused == nil) == expected[role]!.contains(action), "\(role) \(action): \(refused ?? "allowed")")
            }
        }
    }

    @Test func everyRequestMapsToItsAction() {
        let actions = Fixtures.allRequests().compactMap(ClientAction.init)
        #expect(actions == [.registerCase, .closeCase, .showCase, .submitSighting, .reviewAlert, .status, .alertCatchUp, .showSighting])
    }

    @Test func reopenIsAnOperatorsScopedActionWithAReason() throws {
        var r = Homeward_V1_Request()
        r.protocolVersion = ClientCodec.protocolVersion
        r.requestID = "reopen-1"
        r.reopenCase.caseID = 42
        #expect(ClientAction(r) == .reopenCase)
        let validator = RequestValidator(limits: .v1, vocabulary: try MarkVocabulary([]))
        #expect(throws: ProtocolError.self) { try validator.validate(r, now: 1_800_000_000) }   // no reason
        r.reopenCase.reason = "closed the wrong case"
        try validator.validate(r, now: 1_800_000_000)
        #expect(AccessPolicy.refusal(Self.principal(.operator, ["440000"]), .reopenCase, provinces: ["110000"]) != nil)
        #expect(AccessPolicy.refusal(Self.principal(.operator, ["440000"]), .reopenCase, provinces: ["440000"]) == nil)
    }

    @Test func provinceScopesLimitScopedActions() {
        let op = Self.principal(.operator, ["440000"], name: "op-gd")
        #expect(AccessPolicy.refusal(op, .showCase, provinces: ["440000"]) == nil)
        let refused = AccessPolicy.refusal(op, .showCase, provinces: ["110000"])
        #expect(refused?.contains("op-gd") == true && refused?.contains("110000") == true)
        // A case off the map (no province) is national business.
        #expect(AccessPolicy.refusal(op, .closeCase, provinces: [nil]) != nil)
        #expect(AccessPolicy.refusal(Self.principal(.operator), .closeCase, provinces: [nil]) == nil)
        // An alert is published to the case's and the sighting's provinces: either admits a reviewer.
        let rv = Self.principal(.reviewer, ["440000"])
        #expect(AccessPolicy.refusal(rv, .reviewAlert, provinces: ["110000", "440000"]) == nil)
        #expect(AccessPolicy.refusal(rv, .reviewAlert, provinces: ["110000"]) != nil)
        // Intake registers anywhere; an operator only in its provinces.
        #expect(AccessPolicy.refusal(Self.principal(.intake, ["440000"]), .registerCase, provinces: ["110000"]) == nil)
        #expect(AccessPolicy.refusal(op, .registerCase, provinces: ["110000"]) != nil)
    }

    @Test func subscriptionsAreNarrowedToTheScope() {
        let desk = Self.principal(.desk, ["440000", "450000"])
        #expect(AccessPolicy.topics(for: desk, prefix: "", nationalTopic: "000000") == ["440000", "450000"])
        #expect(AccessPolicy.topics(for: desk, prefix: "440000", nationalTopic: "000000") == ["440000"])
        #expect(AccessPolicy.topics(for: desk, prefix: "110000", nationalTopic: "000000").isEmpty)
        #expect(AccessPolicy.topics(for: desk, prefix: "44", nationalTopic: "000000").isEmpty)
        #expect(AccessPolicy.topics(for: Self.principal(.desk), prefix: "", nationalTopic: "000000") == [""])
        #expect(AccessPolicy.topics(for: Self.principal(.intake), prefix: "", nationalTopic: "000000").isEmpty)
        #expect(AccessPolicy.topics(for: Self.principal(.operator), prefix: "440000", nationalTopic: "000000").isEmpty)
    }

    @Test func scopesParseTheAllowListForm() throws {
        #expect(try ProvinceScope(codes: ["*"]) == .national)
        #expect(try ProvinceScope(codes: ["440000"]).codes == ["440000"])
        #expect(throws: ProtocolError.self) { try ProvinceScope(codes: []) }
        #expect(throws: ProtocolError.self) { try ProvinceScope(codes: ["44"]) }
    }

    @Test func refusalsAreUnauthorizedErrors() {
        let e = AccessPolicy.rejection("no", requestID: "r1")
        #expect(e.wire.code == .unauthorized && e.requestID == "r1")
    }
}

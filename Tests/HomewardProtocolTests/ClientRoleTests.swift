import Testing
@testable import HomewardProtocol

@Suite struct ClientRoleTests {
    @Test func permissionsFollowTheDocumentedTable() {
        // docs/protocol.md section 10: intake may register, submit and ask status.
        let intakeAllowed: Set<String> = ["registerCase", "submitSighting", "status"]
        for request in Fixtures.allRequests() {
            let kind = String(describing: request.body!).split(separator: "(").first.map(String.init)!
            #expect(ClientRole.operator.permits(request), "operator: \(kind)")
            #expect(ClientRole.intake.permits(request) == intakeAllowed.contains(kind), "intake: \(kind)")
        }
        let denied = ClientRole.intake.unauthorized(for: Fixtures.allRequests()[2])
        #expect(denied.wire.code == .unauthorized && denied.requestID == "req-0001")
    }
}

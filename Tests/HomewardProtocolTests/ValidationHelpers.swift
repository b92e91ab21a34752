import Testing
@testable import HomewardProtocol

/// Runs the request through the real codec (encode, decode, validate) so the
/// tests cover exactly what the coordinator will run.
func check(
    _ request: Homeward_V1_Request, validator: RequestValidator = RequestValidator(), now: Int64 = Fixtures.now
) -> ProtocolError? {
    do {
        _ = try ClientCodec.decodeValidated(ClientCodec.encode(request), validator: validator, now: now)
        return nil
    } catch {
        return error
    }
}

func expectAccepted(
    _ request: Homeward_V1_Request, validator: RequestValidator = RequestValidator(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = check(request, validator: validator)
    #expect(error == nil, "unexpected rejection: \(String(describing: error))", sourceLocation: sourceLocation)
}

func expectRejected(
    _ request: Homeward_V1_Request, _ rule: ValidationRule, field: String,
    validator: RequestValidator = RequestValidator(), sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error = check(request, validator: validator) else {
        Issue.record("accepted; expected \(rule) at \(field)", sourceLocation: sourceLocation)
        return
    }
    #expect(error.rule == rule, "got \(error)", sourceLocation: sourceLocation)
    #expect(error.field == field, "got \(error)", sourceLocation: sourceLocation)
    #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    #expect(error.requestID == request.requestID, sourceLocation: sourceLocation)
}

func caseRequest(_ edit: (inout Homeward_V1_RegisterCase) -> Void) -> Homeward_V1_Request {
    var r = Fixtures.registerCase()
    edit(&r)
    return Fixtures.request { $0.registerCase = r }
}

func sightingRequest(_ edit: (inout Homeward_V1_SubmitSighting) -> Void) -> Homeward_V1_Request {
    var s = Fixtures.submitSighting()
    edit(&s)
    return Fixtures.request { $0.submitSighting = s }
}

func string(bytes: Int) -> String { String(repeating: "a", count: bytes) }

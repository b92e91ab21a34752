import Testing
@testable import HomewardProtocol

@Suite struct CodecRoundTripTests {
    @Test(arguments: Fixtures.allRequests())
    func requestRoundTripsThroughDealerAndRouterFraming(_ request: Homeward_V1_Request) throws {
        #expect(request.body != nil)
        // As a DEALER client sends it, then as the ROUTER receives it.
        let sent = Frames.join(body: ClientCodec.encode(request))
        #expect(sent[0].isEmpty && sent[1] == ClientCodec.tag)
        let received = [Array("peer-identity".utf8)] + sent
        let (route, body) = try Frames.split(received)
        #expect(route == [Array("peer-identity".utf8)])
        let decoded = try ClientCodec.decodeValidated(body, validator: RequestValidator(), now: Fixtures.now)
        #expect(decoded == request)
    }

    @Test(arguments: Fixtures.allReplies())
    func replyRoundTrips(_ reply: Homeward_V1_Reply) throws {
        #expect(reply.result != nil)
        let frames = Frames.join(route: [[1, 2, 3]], body: ClientCodec.encode(reply))
        let (route, body) = try Frames.split(frames)
        #expect(route == [[1, 2, 3]])
        #expect(try ClientCodec.decodeReply(body) == reply)
    }

    @Test func errorReplyCarriesCodeFieldMessageAndRequestID() throws {
        let error = ProtocolError(
            .tooMany, field: "submit_sighting.faces", "too many", requestID: "r-9", retryAfterMs: 0)
        let reply = try ClientCodec.decodeReply(ClientCodec.encode(ClientCodec.errorReply(error)))
        #expect(reply.requestID == "r-9")
        #expect(reply.error.code == .tooLarge)
        #expect(reply.error.field == "submit_sighting.faces")
        #expect(reply.error.message == "too many")
    }

    @Test func serviceErrorsMapToTheirCodes() {
        let retry = ProtocolError.retryLater(afterMs: 250, "intake queue full", requestID: "r1")
        #expect(retry.wire.code == .retryLater && retry.wire.retryAfterMs == 250)
        #expect(ClientCodec.errorReply(retry).requestID == "r1")
        #expect(ProtocolError.notFound(field: "close_case.case_id", "no such case").wire.code == .notFound)
        #expect(ProtocolError.alreadyExists(field: "review_alert", "reviewed").wire.code == .alreadyExists)
        #expect(ProtocolError.unauthorized("intake key cannot read cases").wire.code == .unauthorized)
        #expect(ProtocolError.unavailable("no replica").wire.code == .unavailable)
        #expect(ProtocolError.internal("bug").wire.code == .internal)
    }

    @Test func everyRuleMapsToAWireCode() {
        for rule in ValidationRule.allCases {
            let code = ProtocolError(rule, field: "", "").wire.code
            #expect(code != .unspecified, "rule \(rule)")
        }
        #expect(ValidationRule.unsupportedVersion.code == .unsupportedVersion)
        #expect(ValidationRule.photoTooLarge.code == .tooLarge)
        #expect(ValidationRule.latitudeRange.code == .invalidArgument)
        #expect(ProtocolError(.noFace, field: "faces", "").wire.code == .noFace)
    }

    @Test(arguments: [
        AlertStreamCodec.event(Fixtures.alert()),
        AlertStreamCodec.event({
            var h = Homeward_V1_AlertsHeartbeat()
            h.topic = "110000"; h.lastSequence = 9; h.sentAtMs = 1
            return h
        }()),
        AlertStreamCodec.event({
            var c = Homeward_V1_CaseClosed()
            c.caseID = 42; c.found = true; c.topic = "110000"; c.sequence = 10
            return c
        }()),
    ])
    func alertEventRoundTrips(_ event: Homeward_V1_AlertEvent) throws {
        let frames = AlertStreamCodec.encode(event, topic: "110000")
        #expect(frames[0] == Array("110000".utf8))
        let (topic, decoded) = try AlertStreamCodec.decode(frames)
        #expect(topic == "110000")
        #expect(decoded == event)
    }

    @Test(arguments: Fixtures.allWorkerMessages())
    func workerMessageRoundTrips(_ message: WorkerMessage) throws {
        let sender = WorkerMessage.sender(of: message.command)!
        let from: WorkerMessage.Sender = sender == .either ? .worker : sender
        let frames = Frames.join(body: WorkerCodec.encode(message))
        let (_, body) = try Frames.split(frames)
        #expect(body[1] == [UInt8(message.command.rawValue)])
        let decoded = try WorkerCodec.decodeValidated(
            body, from: from, validator: WorkerValidator(), now: Fixtures.now)
        #expect(decoded == message)
    }

    @Test func workerCommandFromTheWrongSideIsRejected() {
        let body = WorkerCodec.encode(.request(Fixtures.matchRequest()))
        #expect(throws: ProtocolError.self) { try WorkerCodec.decode(body, from: .worker) }
        do {
            _ = try WorkerCodec.decode(body, from: .worker)
        } catch {
            #expect(error.rule == .unknownCommand)
        }
    }

    @Test func alertIDIsDeterministicAndInvertible() {
        var rng = SeededRNG(seed: 11)
        #expect(AlertID.make(caseID: 1234, sightingID: 5678) == "00000000000004d2-000000000000162e")
        for _ in 0..<1000 {
            let c = rng.next(), s = rng.next()
            let id = AlertID.make(caseID: c, sightingID: s)
            #expect(id.utf8.count == AlertID.length)
            #expect(id == AlertID.make(caseID: c, sightingID: s))
            let back = AlertID.parse(id)
            #expect(back?.caseID == c && back?.sightingID == s)
        }
        #expect(AlertID.parse("00000000000004D2-000000000000162e") == nil)  // uppercase is not canonical
        #expect(AlertID.parse("00000000000004d2_000000000000162e") == nil)
        #expect(AlertID.parse("4d2-162e") == nil)
        #expect(AlertID.parse("") == nil)
        #expect(AlertID.make(caseID: 1, sightingID: 2) != AlertID.make(caseID: 2, sightingID: 1))
    }
}

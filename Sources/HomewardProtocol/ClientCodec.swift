/// The client protocol's frames. Body (after the empty delimiter):
///   [ "HWC1" ][ serialized Request ]   client -> coordinator
///   [ "HWC1" ][ serialized Reply ]     coordinator -> client
public enum ClientCodec {
    public static let tag: Frame = Array("HWC1".utf8)
    public static let protocolVersion: UInt32 = 1

    public static func encode(_ request: Homeward_V1_Request) -> [Frame] {
        [tag, Frames.serialize(request)]
    }

    public static func encode(_ reply: Homeward_V1_Reply) -> [Frame] {
        [tag, Frames.serialize(reply)]
    }

    /// Decodes a request body and checks the envelope: tag, size, protobuf,
    /// `protocol_version` and `request_id`. The body is checked separately by
    /// `RequestValidator` (or use `decodeValidated`).
    public static func decodeRequest(
        _ body: [Frame], limits: ProtocolLimits = .v1
    ) throws(ProtocolError) -> Homeward_V1_Request {
        let payload = try payloadFrame(body, limits: limits)
        let request = try Frames.parse(Homeward_V1_Request.self, payload, field: "frames[1]")
        let id = request.requestID
        let idBytes = id.utf8
        if idBytes.isEmpty {
            throw ProtocolError(.requestIDEmpty, field: "request_id", "must be 1-\(limits.maxRequestIDBytes) characters")
        }
        if idBytes.count > limits.maxRequestIDBytes {
            throw ProtocolError(
                .requestIDTooLong, field: "request_id",
                "is \(idBytes.count) bytes; the limit is \(limits.maxRequestIDBytes)")
        }
        if !idBytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) {
            throw ProtocolError(
                .requestIDCharacters, field: "request_id", "must be printable ASCII without spaces")
        }
        if request.protocolVersion != protocolVersion {
            throw ProtocolError(
                .unsupportedVersion, field: "protocol_version",
                "is \(request.protocolVersion); this coordinator speaks version \(protocolVersion)",
                requestID: id)
        }
        return request
    }

    /// `decodeRequest` then `validator.validate(_, now:)`.
    public static func decodeValidated(
        _ body: [Frame], validator: RequestValidator, now: Int64
    ) throws(ProtocolError) -> Homeward_V1_Request {
        let request = try decodeRequest(body, limits: validator.limits)
        try validator.validate(request, now: now)
        return request
    }

    public static func decodeReply(
        _ body: [Frame], limits: ProtocolLimits = .v1
    ) throws(ProtocolError) -> Homeward_V1_Reply {
        let payload = try payloadFrame(body, limits: limits)
        let reply = try Frames.parse(Homeward_V1_Reply.self, payload, field: "frames[1]")
        if reply.protocolVersion != protocolVersion {
            throw ProtocolError(
                .unsupportedVersion, field: "protocol_version",
                "is \(reply.protocolVersion); this client speaks version \(protocolVersion)")
        }
        return reply
    }

    /// The reply that carries `error` back to its sender.
    public static func errorReply(_ error: ProtocolError) -> Homeward_V1_Reply {
        var reply = Homeward_V1_Reply()
        reply.protocolVersion = protocolVersion
        reply.requestID = error.requestID
        reply.error = error.wire
        return reply
    }

    /// A successful reply to `requestID` with `result` set by the caller.
    public static func reply(
        to requestID: String, _ fill: (inout Homeward_V1_Reply) -> Void
    ) -> Homeward_V1_Reply {
        var reply = Homeward_V1_Reply()
        reply.protocolVersion = protocolVersion
        reply.requestID = requestID
        fill(&reply)
        return reply
    }

    private static func payloadFrame(_ body: [Frame], limits: ProtocolLimits) throws(ProtocolError) -> Frame {
        guard body.count == 2 else {
            throw ProtocolError(
                .frameCount, field: "frames",
                "body has \(body.count) frames; expected 2 (protocol tag, payload) after the empty delimiter")
        }
        try Frames.checkTag(body[0], expected: tag, family: "HWC")
        try Frames.checkSize(body[1], index: 1, limits: limits)
        if body[1].isEmpty {
            throw ProtocolError(.missingPayload, field: "frames[1]", "payload frame is empty")
        }
        return body[1]
    }
}

/// The worker protocol's frames. Body (after the empty delimiter), both ways:
///   [ "HWW1" ][ command: 1 byte, a WorkerCommand value ][ payload protobuf ]
/// The command frame lets a peer route (e.g. a heartbeat) without parsing;
/// an empty payload is the all-default message.
public enum WorkerCodec {
    public static let tag: Frame = Array("HWW1".utf8)
    public static let protocolVersion: UInt32 = 1

    public static func encode(_ message: WorkerMessage) -> [Frame] {
        let payload: Frame
        switch message {
        case .ready(let m): payload = Frames.serialize(m)
        case .request(let m): payload = Frames.serialize(m)
        case .final(let m): payload = Frames.serialize(m)
        case .heartbeat(let m): payload = Frames.serialize(m)
        case .disconnect(let m): payload = Frames.serialize(m)
        case .update(let m): payload = Frames.serialize(m)
        case .sync(let m): payload = Frames.serialize(m)
        case .extract(let m): payload = Frames.serialize(m)
        case .extracted(let m): payload = Frames.serialize(m)
        }
        return [tag, [UInt8(message.command.rawValue)], payload]
    }

    /// Decodes a body sent by `sender`: a coordinator passes `from: .worker`,
    /// a worker `from: .coordinator` (`.either` accepts every command; for
    /// tools and fuzzing).
    public static func decode(
        _ body: [Frame], from sender: WorkerMessage.Sender, limits: ProtocolLimits = .v1
    ) throws(ProtocolError) -> WorkerMessage {
        guard body.count == 3 else {
            throw ProtocolError(
                .frameCount, field: "frames",
                "body has \(body.count) frames; expected 3 (protocol tag, command, payload) after the empty delimiter")
        }
        try Frames.checkTag(body[0], expected: tag, family: "HWW")
        guard body[1].count == 1,
              let command = Homeward_V1_WorkerCommand(rawValue: Int(body[1][0])),
              let allowed = WorkerMessage.sender(of: command)
        else {
            throw ProtocolError(.unknownCommand, field: "frames[1]", "command frame is not a known 1-byte command")
        }
        if allowed != .either && sender != .either && allowed != sender {
            throw ProtocolError(
                .unknownCommand, field: "frames[1]", "command \(command) may not be sent by this peer")
        }
        try Frames.checkSize(body[2], index: 2, limits: limits)
        let payload = body[2], field = "frames[2]"
        switch command {
        case .ready: return .ready(try Frames.parse(Homeward_V1_WorkerReady.self, payload, field: field))
        case .request: return .request(try Frames.parse(Homeward_V1_MatchRequest.self, payload, field: field))
        case .final: return .final(try Frames.parse(Homeward_V1_MatchResult.self, payload, field: field))
        case .heartbeat: return .heartbeat(try Frames.parse(Homeward_V1_Heartbeat.self, payload, field: field))
        case .disconnect: return .disconnect(try Frames.parse(Homeward_V1_Disconnect.self, payload, field: field))
        case .update: return .update(try Frames.parse(Homeward_V1_FeatureUpdate.self, payload, field: field))
        case .sync: return .sync(try Frames.parse(Homeward_V1_SyncRequest.self, payload, field: field))
        case .extract: return .extract(try Frames.parse(Homeward_V1_ExtractFaces.self, payload, field: field))
        case .extracted: return .extracted(try Frames.parse(Homeward_V1_ExtractedFaces.self, payload, field: field))
        case .unspecified, .UNRECOGNIZED:
            throw ProtocolError(.unknownCommand, field: "frames[1]", "command frame is not a known 1-byte command")
        }
    }

    /// `decode` then `WorkerValidator.validate`.
    public static func decodeValidated(
        _ body: [Frame], from sender: WorkerMessage.Sender, validator: WorkerValidator, now: Int64
    ) throws(ProtocolError) -> WorkerMessage {
        let message = try decode(body, from: sender, limits: validator.limits)
        try validator.validate(message, now: now)
        return message
    }
}

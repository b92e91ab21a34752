/// The alert stream on the coordinator's PUB socket: two frames,
///   [ topic: 6 ASCII digits ][ serialized AlertEvent ]
/// The topic frame is what SUB sockets filter on; subscribe to a province
/// code for that province or to "" for all.
public enum AlertStreamCodec {
    public static let protocolVersion: UInt32 = 1

    public static func encode(_ event: Homeward_V1_AlertEvent, topic: String) -> [Frame] {
        precondition(ProvinceCode.isValid(topic), "alert topics are 6-digit province codes")
        return [Array(topic.utf8), Frames.serialize(event)]
    }

    public static func event(_ alert: Homeward_V1_Alert) -> Homeward_V1_AlertEvent {
        var event = Homeward_V1_AlertEvent()
        event.protocolVersion = protocolVersion
        event.alert = alert
        return event
    }

    public static func event(_ heartbeat: Homeward_V1_AlertsHeartbeat) -> Homeward_V1_AlertEvent {
        var event = Homeward_V1_AlertEvent()
        event.protocolVersion = protocolVersion
        event.heartbeat = heartbeat
        return event
    }

    public static func event(_ closed: Homeward_V1_CaseClosed) -> Homeward_V1_AlertEvent {
        var event = Homeward_V1_AlertEvent()
        event.protocolVersion = protocolVersion
        event.caseClosed = closed
        return event
    }

    /// Decodes one received PUB message; checks the topic, the version, that
    /// an event is set and that its own topic field equals the frame's.
    public static func decode(
        _ frames: [Frame], limits: ProtocolLimits = .v1
    ) throws(ProtocolError) -> (topic: String, event: Homeward_V1_AlertEvent) {
        guard frames.count == 2 else {
            throw ProtocolError(
                .frameCount, field: "frames", "alert message has \(frames.count) frames; expected 2 (topic, event)")
        }
        let topic = String(decoding: frames[0], as: UTF8.self)
        try FieldCheck.province(topic, at: "frames[0]")
        try Frames.checkSize(frames[1], index: 1, limits: limits)
        let event = try Frames.parse(Homeward_V1_AlertEvent.self, frames[1], field: "frames[1]")
        if event.protocolVersion != protocolVersion {
            throw ProtocolError(
                .unsupportedVersion, field: "protocol_version",
                "is \(event.protocolVersion); this subscriber speaks version \(protocolVersion)")
        }
        let inner: String
        switch event.event {
        case .alert(let a)?: inner = a.topic
        case .heartbeat(let h)?: inner = h.topic
        case .caseClosed(let c)?: inner = c.topic
        case nil: throw ProtocolError(.missingField, field: "event", "alert event has no content")
        }
        if inner != topic {
            throw ProtocolError(.topicMismatch, field: "event.topic", "differs from the topic frame")
        }
        return (topic, event)
    }
}

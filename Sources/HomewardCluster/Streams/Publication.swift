import HomewardProtocol

/// One message for the alert stream, numbered on its topic.
struct Publication: Sendable {
    var topic: String
    var seq: UInt64
    var frames: [Frame]
}

import HomewardProtocol
import ZeroMQ

/// Subscribes to a coordinator's alert stream (SUB to its PUB), for some
/// province topics or all of them. Events arrive on the loop thread.
public final class AlertSubscriber: Sendable {
    public typealias Handler = @Sendable (_ topic: String, _ event: Homeward_V1_AlertEvent) -> Void

    private let loop: ZMQSocketLoop

    /// `topics` empty subscribes to every province.
    public init(endpoint: String, topics: [String] = [], curve: ZMQCurveRole? = nil, handler: @escaping Handler) async throws {
        loop = try ZMQSocketLoop(name: "hw-alerts")
        var options = ZMQSocketOptions(sendHighWaterMark: 1_000, receiveHighWaterMark: 1_000_000)
        options.subscriptions = topics.isEmpty ? [[]] : topics.map { Array($0.utf8) }
        options.curve = curve
        _ = try await loop.open(.sub, options: options, connect: [endpoint], delivery: .handler { _, _, message in
            // A message that does not decode is skipped; the sequence numbers show the gap.
            if let (topic, event) = try? AlertStreamCodec.decode(message.frames) { handler(topic, event) }
        })
    }

    public func close() async { await loop.shutdown() }
}

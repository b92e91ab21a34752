import HomewardClient
import HomewardProtocol
import Logging
import ZeroMQ

/// Follows the coordinator's alert stream for every province topic and feeds
/// the board in sequence order: subscribe first, then catch each topic up from
/// where the board is, then apply live events; a gap (seen on an event or a
/// heartbeat) is filled with `AlertCatchUp` before going on.
struct StreamFollower: Sendable {
    let client: HomewardClient
    let alertsEndpoint: String
    let curve: ZMQCurveRole?
    let topics: [String]
    let hub: BoardHub
    let logger: Logger

    func run() async throws {
        let (stream, continuation) = AsyncStream<(String, Homeward_V1_AlertEvent)>.makeStream()
        let subscriber = try await AlertSubscriber(endpoint: alertsEndpoint, curve: curve) { topic, event in
            continuation.yield((topic, event))
        }
        defer { continuation.finish() }
        for topic in topics { await fill(topic: topic, through: nil) }
        await hub.markCaughtUp()
        for await (topic, event) in stream {
            if case .gap(_, let through) = await hub.ingest(topic: topic, event: event) {
                await fill(topic: topic, through: through)
                _ = await hub.ingest(topic: topic, event: event)
            }
        }
        await subscriber.close()
    }

    /// Catches `topic` up from the board's position. Errors are retried on the
    /// next heartbeat (which reports the gap again), so a short coordinator
    /// outage leaves no hole.
    private func fill(topic: String, through: UInt64?) async {
        let from = await hub.delivered(topic: topic) + 1
        do {
            for event in try await client.catchUp(topic: topic, from: from) {
                _ = await hub.ingest(topic: topic, event: event)
            }
        } catch {
            logger.warning("alert catch-up failed; retrying on the next heartbeat", metadata: ["topic": "\(topic)", "error": "\(error)"])
        }
    }
}

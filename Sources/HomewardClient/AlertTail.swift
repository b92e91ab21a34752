import HomewardBasics
import HomewardProtocol
import ZeroMQ

/// `homeward alerts tail`: prints one province's alerts as they arrive; with a
/// starting sequence number, first catches up from the coordinator. The
/// subscription opens before the catch-up, so that nothing falls between them
/// (`AlertPrinter` prints an event delivered by both once).
public enum AlertTail {
    /// Follows `topic` for `seconds`, or until the task is cancelled (SIGINT ends the process).
    public static func follow(
        _ topic: String, alertsEndpoint: String, clientEndpoint: String, curve: ZMQCurveRole?, from: UInt64?, seconds: Int?
    ) async throws {
        let printer = AlertPrinter()
        let subscriber = try await AlertSubscriber(endpoint: alertsEndpoint, topics: [topic], curve: curve) { _, event in
            printer.print(event)
        }
        if let from {
            let caller = try await HomewardClient(endpoint: clientEndpoint, curve: curve)
            do {
                for event in try await caller.catchUp(topic: topic, from: from) { printer.print(event) }
            } catch {
                await caller.close()
                throw CommandFailure(error, requestID: nil)
            }
            await caller.close()
        }
        if let seconds {
            try await Task.sleep(for: .seconds(seconds))
        } else {
            while true { try await Task.sleep(for: .seconds(3_600)) }
        }
        await subscriber.close()
    }
}

import HomewardClient
import HomewardProtocol

extension ConsoleServer {
    /// Sex, estimated age and marks of a sighting the console did not take
    /// itself (submitted over ZeroMQ: the CLI, apps, load tests), as the
    /// coordinator stored them (`ShowSighting`, under the console's key;
    /// ShowSighting has no reader field, and a sighting's description is not
    /// the family's personal data). Nil when the coordinator cannot say: the
    /// page then shows "—", as before, rather than failing.
    func coordinatorSightingDetails(sightingID: UInt64) async -> [String: String]? {
        let request = HomewardClient.request { $0.showSighting.sightingID = sightingID }
        do {
            return SightingDetails.text(try await client.call(request).sightingShown)
        } catch {
            logger.warning("could not read a sighting's details from the coordinator",
                           metadata: ["sighting": "\(sightingID)", "error": "\(error)"])
            return nil
        }
    }
}

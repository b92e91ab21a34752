import ArgumentParser
import Foundation
import HomewardClient
import HomewardProtocol

struct SightingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sighting",
        abstract: "Submit sightings of children, and follow their matching.",
        subcommands: [Submit.self, Show.self])

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a sighting; prints its id (and the original's id if it is a repost).")
        @OptionGroup var client: ClientOptions
        @OptionGroup var id: RequestIDOption
        @Option(help: "When the child was seen: Unix seconds or ISO 8601 (default: now).") var at: String?
        @Option(help: "Latitude, degrees.") var lat: Double
        @Option(help: "Longitude, degrees.") var lon: Double
        @Option(help: "female, male or unknown.") var sex: String = "unknown"
        @Option(help: "Estimated age range in years, e.g. 6-9.") var age: String?
        @Option(help: "Distinguishing marks, comma-separated tags.") var marks: String = ""
        @Option(help: "The photo (JPEG or PNG); faces are found in it. Repeat for several photos.") var photo: [String] = []
        @Option(help: "File with one face embedding per line, instead of or beside photos.") var embeddings: String?

        func validate() throws {
            if photo.isEmpty && embeddings == nil { throw ValidationError("give a --photo (or --embeddings)") }
        }
        @Option(help: "Who submits (a reference, not a name).") var submitter: String = "cli"

        func run() async throws {
            let faces = try Homeward_V1_FaceInput.read(photos: photo, embeddings: embeddings)
            let sex = try OperatorValues.sex(self.sex)
            let observed = try at.map(OperatorValues.time) ?? Int64(Date().timeIntervalSince1970)
            let ageRange = try age.map(OperatorValues.ageRange)
            let request = id.request { r in
                r.submitSighting.observedAt = observed
                r.submitSighting.location.latitude = lat
                r.submitSighting.location.longitude = lon
                r.submitSighting.sex = sex
                if let ageRange {
                    r.submitSighting.estimatedAge.loYears = ageRange.lo
                    r.submitSighting.estimatedAge.hiYears = ageRange.hi
                }
                r.submitSighting.markTags = OperatorValues.tags(marks)
                r.submitSighting.faces = faces
                r.submitSighting.submitter = submitter
            }
            ClientCall.show(try await client.send(request, key: "intake").sightingAccepted)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where a sighting is in matching (as key `operator` unless `--key`; operator, reviewer and console keys may).",
            discussion: """
                state PENDING: stored, not yet matched; MATCHED: matched at matched_at, with candidates \
                alerts (alert_ids); FAILED: given up, failure says why; REPOST: a repost of repost_of, \
                never matched itself. An unknown id exits 67.
                """)
        @OptionGroup var client: ClientOptions
        @Argument(help: "Sighting id, as `sighting submit` printed it.") var sightingID: UInt64

        func run() async throws {
            let request = HomewardClient.request { $0.showSighting.sightingID = sightingID }
            ClientCall.show(try await client.send(request, key: "operator").sightingShown)
        }
    }
}

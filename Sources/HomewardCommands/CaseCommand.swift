import ArgumentParser
import HomewardClient
import HomewardProtocol

struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Register, close, reopen or show missing-child cases.",
        subcommands: [Add.self, Close.self, Reopen.self, Show.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a case; prints its id.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var id: RequestIDOption
        @Option(help: "The child's name (stored on the coordinator only).") var name: String
        @Option(help: "How to reach the family (stored on the coordinator only).") var contact: String
        @Option(help: "Free-text notes (coordinator only).") var notes: String = ""
        @Option(help: "female, male or unknown.") var sex: String = "unknown"
        @Option(help: "Birth date, YYYY-MM-DD.") var born: String
        @Option(help: "When the child went missing: Unix seconds or ISO 8601 (2026-11-29T08:30:00Z).") var missingSince: String
        @Option(help: "Last-seen latitude, degrees.") var lat: Double
        @Option(help: "Last-seen longitude, degrees.") var lon: Double
        @Option(help: "Distinguishing marks, comma-separated tags of the config's vocabulary.") var marks: String = ""
        @Option(help: "A photo of the child (JPEG or PNG); repeat for up to 8 photos.") var photo: [String] = []
        @Option(help: "File with one face embedding per line, instead of or beside photos.") var embeddings: String?

        func validate() throws {
            if photo.isEmpty && embeddings == nil { throw ValidationError("give at least one --photo (or --embeddings)") }
        }

        func run() async throws {
            let faces = try Homeward_V1_FaceInput.read(photos: photo, embeddings: embeddings)
            let sex = try OperatorValues.sex(self.sex), birth = try OperatorValues.day(born), since = try OperatorValues.time(missingSince)
            let request = id.request { r in
                r.registerCase.personal.childName = name
                r.registerCase.personal.guardianContact = contact
                r.registerCase.personal.notes = notes
                r.registerCase.sex = sex
                r.registerCase.birthDate = birth
                r.registerCase.missingSince = since
                r.registerCase.lastSeen.latitude = lat
                r.registerCase.lastSeen.longitude = lon
                r.registerCase.markTags = OperatorValues.tags(marks)
                r.registerCase.photos = faces
            }
            ClientCall.show(try await client.send(request, key: "operator").caseRegistered)
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a case: the child was found, or the case is withdrawn.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var id: RequestIDOption
        @Argument(help: "Case id.") var caseID: UInt64
        @Flag(help: "found: the child was found; withdrawn: the case is withdrawn.") var outcome: Outcome
        @Option(help: "Note kept with the case (never published).") var note: String = ""

        enum Outcome: String, EnumerableFlag { case found, withdrawn }

        func run() async throws {
            let request = id.request { r in
                r.closeCase.caseID = caseID
                r.closeCase.outcome = outcome == .found ? .found : .withdrawn
                r.closeCase.note = note
            }
            ClientCall.show(try await client.send(request, key: "operator").caseClosed)
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a case closed by mistake; it is matched again (the reason is audited).")
        @OptionGroup var client: ClientOptions
        @OptionGroup var id: RequestIDOption
        @Argument(help: "Case id.") var caseID: UInt64
        @Option(help: "Why the close was a mistake (recorded in the audit log).") var reason: String

        func run() async throws {
            let request = id.request { r in
                r.reopenCase.caseID = caseID
                r.reopenCase.reason = reason
            }
            ClientCall.show(try await client.send(request, key: "operator").caseReopened)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case with its personal data (the read is audited under the key's identity).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Case id.") var caseID: UInt64
        @Option(help: "Why (recorded in the audit log).") var purpose: String

        func run() async throws {
            let request = HomewardClient.request { r in
                r.showCase.caseID = caseID
                // The coordinator records the key's identity, not this field.
                r.showCase.operator = client.keyName(default: "operator")
                r.showCase.purpose = purpose
            }
            ClientCall.show(try await client.send(request, key: "operator").caseShown)
        }
    }
}

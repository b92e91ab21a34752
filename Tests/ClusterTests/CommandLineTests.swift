import Foundation
import Testing

/// The `homeward` binary without a cluster (issue 12, items 6 and 7): argument
/// errors keep usage and exit 64, runtime errors print their message alone with
/// a documented exit code, `geo locate` and `photo embed` work offline.
@Suite struct CommandLineTests {
    /// A loopback port nothing listens on: requests there get no reply.
    static let deadEndpoint = "tcp://127.0.0.1:9"

    @Test func argumentErrorsPrintUsageAndExit64() throws {
        let missing = try CLIRun.homeward(["case", "add", "--name", "A"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Usage:"), "\(missing.stderr)")
        let badID = try CLIRun.homeward(["review", "00-00", "--confirm", "--request-id", "has space"])
        #expect(badID.status == 64)
        #expect(badID.stderr.contains("--request-id must be"), "\(badID.stderr)")
        #expect(badID.stderr.contains("Usage:"))
    }

    @Test func runtimeErrorsPrintTheMessageAloneWithTheirExitCode() throws {
        let keyed = try CLIRun.keyedConfig()
        let noReply = try CLIRun.homeward([
            "review", "0000000000000001-0000000000000002", "--confirm", "--config", keyed,
            "--endpoint", Self.deadEndpoint, "--timeout", "1", "--request-id", "retry-me-7",
        ])
        #expect(noReply.status == 69, "\(noReply.stderr)")
        #expect(noReply.stderr.hasPrefix("homeward: no reply"), "\(noReply.stderr)")
        #expect(noReply.stderr.contains("--request-id retry-me-7"), "the retry advice names the id to reuse")
        #expect(!noReply.stderr.contains("Usage:"))

        let noConfig = try CLIRun.homeward(["status", "--config", "/nonexistent/cluster.json"])
        #expect(noConfig.status == 78, "\(noConfig.stderr)")
        #expect(noConfig.stderr.hasPrefix("homeward: "))
        #expect(!noConfig.stderr.contains("Usage:"))

        let noPhoto = try CLIRun.homeward(["sighting", "submit", "--lat", "23.1", "--lon", "113.3", "--photo", "/nonexistent.jpg",
                                           "--config", keyed, "--endpoint", Self.deadEndpoint, "--timeout", "1"])
        #expect(noPhoto.status == 66, "\(noPhoto.stderr)")
        #expect(!noPhoto.stderr.contains("Usage:"))
    }

    @Test func helpDocumentsExitCodesAndEveryMutatingCommandTakesARequestID() throws {
        let help = try CLIRun.homeward(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes: 0 success; 64 bad arguments"), "\(help.stdout)")
        for command in [["case", "add"], ["case", "close"], ["case", "reopen"], ["sighting", "submit"], ["review"]] {
            let sub = try CLIRun.homeward(command + ["--help"])
            #expect(sub.stdout.contains("--request-id"), "\(command.joined(separator: " ")) has no --request-id")
        }
    }

    @Test func geoLocatePutsShenzhenInGuangdong() throws {
        let shenzhen = try CLIRun.homeward(["geo", "locate", "22.54554", "114.06830", "--config", CLIRun.localConfig])
        #expect(shenzhen.status == 0, "\(shenzhen.stderr)")
        #expect(shenzhen.stdout.hasPrefix("440000 广东省 Guangdong"), "\(shenzhen.stdout)")
        let hongKong = try CLIRun.homeward(["geo", "locate", "22.50", "114.12", "--config", CLIRun.localConfig])
        #expect(hongKong.stdout.hasPrefix("810000 "), "\(hongKong.stdout)")
        let xiamen = try CLIRun.homeward(["geo", "locate", "24.47979", "118.08187", "--config", CLIRun.localConfig])
        #expect(xiamen.stdout.hasPrefix("350000 "), "\(xiamen.stdout)")
        let tokyo = try CLIRun.homeward(["geo", "locate", "35.68", "139.69", "--config", CLIRun.localConfig])
        #expect(tokyo.stdout.hasPrefix("000000 "), "\(tokyo.stdout)")
        #expect(try CLIRun.homeward(["geo", "locate", "95", "114", "--config", CLIRun.localConfig]).status == 64)
    }

    struct Embedded: Decodable {
        struct Photo: Decodable {
            struct Face: Decodable {
                struct Box: Decodable { var left, top, right, bottom: Int }
                var box: Box
                var confidence: Float
                var embedding: [Float]
            }
            var file: String
            var photo_sha256: String
            var photo_phash: String?
            var faces: [Face]?
            var error: String?
        }
        var photos: [Photo]
    }

    @Test func photoEmbedPrintsFacesAndEmbeddingsAsJSON() throws {
        let fixtures = TestCluster.packageRoot.appendingPathComponent("Tests/PhotoPipelineTests/Fixtures")
        let two = fixtures.appendingPathComponent("face_recognition/multi/two_people.jpg").path
        let dogs = fixtures.appendingPathComponent("dlib-faces/dogs.jpg").path
        let run = try CLIRun.homeward(["photo", "embed", two, dogs])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try JSONDecoder().decode(Embedded.self, from: Data(run.stdout.utf8))
        #expect(out.photos.map(\.file) == [two, dogs])
        let people = try #require(out.photos[0].faces)
        #expect(people.count == 2)
        for face in people {
            #expect(face.embedding.count == 128)
            let norm = face.embedding.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-3)
            #expect(face.box.right > face.box.left && face.box.bottom > face.box.top)
        }
        #expect(people[0].confidence >= people[1].confidence, "most confident first")
        #expect(out.photos[1].faces?.isEmpty == true, "no face in a photo of dogs")
        #expect(out.photos.allSatisfy { $0.photo_sha256.count == 64 && $0.photo_phash?.count == 64 })

        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-garbage-\(UUID().uuidString).jpg")
        try Data([0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02]).write(to: garbage)
        defer { try? FileManager.default.removeItem(at: garbage) }
        let bad = try CLIRun.homeward(["photo", "embed", garbage.path])
        #expect(bad.status == 65, "\(bad.stderr)")
        let badOut = try JSONDecoder().decode(Embedded.self, from: Data(bad.stdout.utf8))
        #expect(badOut.photos[0].error != nil && badOut.photos[0].faces == nil)
    }
}

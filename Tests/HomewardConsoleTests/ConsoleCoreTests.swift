import Foundation
import HomewardProtocol
import Testing
@testable import HomewardConsole

@Suite struct ConsoleCoreTests {
    @Test func sessionsExpireWhenIdleAndCloseOnSignOut() {
        var book = SessionBook(idleSeconds: 100)
        _ = book.open(user: "ann", now: 0, id: "s1", csrf: "c1")
        #expect(book.touch(id: "s1", now: 99)?.csrf == "c1")
        #expect(book.touch(id: "s1", now: 198)?.user == "ann")  // refreshed at 99
        #expect(book.touch(id: "s1", now: 298) == nil)
        _ = book.open(user: "bo", now: 300, id: "s2", csrf: "c2")
        book.close(id: "s2")
        #expect(book.touch(id: "s2", now: 301) == nil)
        #expect(book.touch(id: "nope", now: 301) == nil)
    }

    @Test func passwordsAreBcryptAndTokensAreStoredHashed() throws {
        var users = ConsoleUsers()
        #expect(try users.add(name: "ann", role: .reviewer, provinces: ["440000"], password: "correct horse battery") == nil)
        let token = try #require(try users.add(name: "feed", role: .intake, provinces: [], password: nil))
        #expect(users.user(named: "ann")?.passwordHash?.hasPrefix("$2") == true)
        #expect(users.signIn(name: "ann", password: "correct horse battery")?.role == .reviewer)
        #expect(users.signIn(name: "ann", password: "wrong horse battery") == nil)
        #expect(users.signIn(name: "nobody", password: "correct horse battery") == nil)
        #expect(users.signIn(name: "feed", password: "anything at all") == nil)  // intake users have no pages
        #expect(users.intakeUser(token: token)?.name == "feed")
        #expect(users.intakeUser(token: token + "0") == nil)
        #expect(users.user(named: "feed")?.tokenSHA256 != token)
        #expect(throws: ConsoleError.self) { try users.add(name: "x", role: .desk, provinces: ["44"], password: "long enough pw") }
        #expect(throws: ConsoleError.self) { try users.add(name: "y", role: .desk, provinces: [], password: "short") }
    }

    @Test func retentionReleasesThenDeletesAfterThePeriod() {
        let rule = RetentionRule(retentionDays: 2)
        #expect(rule.verdict(releasedAt: nil, stillNeeded: true, now: 10) == .keep)
        #expect(rule.verdict(releasedAt: nil, stillNeeded: false, now: 10) == .release(at: 10))
        #expect(rule.verdict(releasedAt: 10, stillNeeded: false, now: 10 + 2 * 86_400 - 1) == .keep)
        #expect(rule.verdict(releasedAt: 10, stillNeeded: false, now: 10 + 2 * 86_400) == .delete)
        #expect(RetentionRule(retentionDays: 0).verdict(releasedAt: nil, stillNeeded: false, now: 5) == .delete)
    }

    @Test func vaultSealsPhotosAndDeletesThemAfterRetention() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = PhotoKey(bytes: Array(repeating: 7, count: 32))
        let vault = try PhotoVault(directory: dir, key: key, retentionDays: 1)
        let photo: [UInt8] = [0xFF, 0xD8, 0xFF] + Array("a face".utf8)
        try await vault.keepSighting(sightingID: 4, item: KeptItem(photo: photo, contentType: "image/jpeg", details: ["sex": "male"]), now: 0)
        let raw = try #require(FileManager.default.contents(atPath: dir + "/sighting-4.sealed"))
        #expect(!Array(raw).starts(with: photo) && Data(raw).range(of: Data("a face".utf8)) == nil)
        #expect(try await vault.open(name: "sighting-4")?.photo == photo)
        // Another key does not open it, nor does the same blob under another name.
        let other = try PhotoVault(directory: dir, key: PhotoKey(bytes: Array(repeating: 8, count: 32)), retentionDays: 1)
        await #expect(throws: ConsoleError.self) { try await other.open(name: "sighting-4") }
        #expect(try await vault.sweep(now: 100, needed: ["sighting-4"]).isEmpty)
        #expect(try await vault.sweep(now: 200, needed: []).isEmpty)  // released at 200
        #expect(try await vault.sweep(now: 200 + 86_399, needed: []).isEmpty)
        #expect(try await vault.sweep(now: 200 + 86_400, needed: []) == ["sighting-4"])
        #expect(try await vault.open(name: "sighting-4") == nil)
        #expect(!FileManager.default.fileExists(atPath: dir + "/sighting-4.sealed"))
    }

    @Test func multipartFieldsAndFilesParseAndMalformedBodiesAreNamed() throws {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"lat\"\r\n\r\n23.1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
            + [0xFF, 0xD8, 0xFF, 0x0D, 0x0A, 0x00] + Array("\r\n--XyZ--\r\n".utf8)
        let form = try MultipartForm(body: body, contentType: "multipart/form-data; boundary=XyZ")
        #expect(form.value("lat") == "23.1")
        #expect(form.files("photo").first?.body == [0xFF, 0xD8, 0xFF, 0x0D, 0x0A, 0x00])
        #expect(throws: MultipartForm.ParseError.noBoundary) { try MultipartForm(body: body, contentType: "text/plain") }
        #expect(throws: MultipartForm.ParseError.self) { try MultipartForm(body: Array(body.prefix(60)), contentType: "multipart/form-data; boundary=XyZ") }
    }

    @Test func sightingFormChecksEachFieldByName() throws {
        func form(_ fields: [String: String], photo: [UInt8]? = [0xFF, 0xD8, 0xFF, 1]) -> MultipartForm {
            var parts = fields.map { MultipartForm.Part(name: $0.key, filename: nil, contentType: nil, body: Array($0.value.utf8)) }
            if let photo { parts.append(.init(name: "photo", filename: "p.jpg", contentType: "image/jpeg", body: photo)) }
            return MultipartForm(parts: parts)
        }
        let ok = try SightingForm(form: form(["lat": "23.1", "lon": "113.3", "age": "6-9", "sex": "female", "marks": "mole-neck, glasses", "time": "2026-12-06T08:30:00Z"]),
                                  submitter: "feed", now: 1)
        #expect(ok.submission.location.latitude == 23.1)
        #expect(ok.submission.estimatedAge.hiYears == 9)
        #expect(ok.submission.sex == .female)
        #expect(ok.submission.markTags == ["mole-neck", "glasses"])
        #expect(ok.submission.observedAt == 1_796_545_800)
        #expect(ok.submission.photoSha256.count == 32)
        func problem(_ f: MultipartForm) -> String? {
            do { _ = try SightingForm(form: f, submitter: "x", now: 1); return nil } catch { return error.field }
        }
        #expect(problem(form(["lat": "23", "lon": "113"], photo: nil)) == "photo")
        #expect(problem(form(["lat": "23", "lon": "113"], photo: Array("GIF89a".utf8))) == "photo")
        #expect(problem(form(["lat": "95", "lon": "113"])) == "lat")
        #expect(problem(form(["lat": "23", "lon": "x"])) == "lon")
        #expect(problem(form(["lat": "23", "lon": "113", "age": "9-6"])) == "age")
        #expect(problem(form(["lat": "23", "lon": "113", "sex": "other"])) == "sex")
        #expect(problem(form(["lat": "23", "lon": "113", "time": "yesterday"])) == "time")
    }

    @Test func sightingDetailsReadTheSameFromTheFormAndFromShowSighting() throws {
        func form(_ fields: [String: String]) -> MultipartForm {
            var parts = fields.map { MultipartForm.Part(name: $0.key, filename: nil, contentType: nil, body: Array($0.value.utf8)) }
            parts.append(.init(name: "photo", filename: "p.jpg", contentType: "image/jpeg", body: [0xFF, 0xD8, 0xFF, 1]))
            return MultipartForm(parts: parts)
        }
        let typed = try SightingForm(form: form(["lat": "23.1", "lon": "113.3", "age": "6.5-9", "sex": "female", "marks": "mole-neck, glasses"]),
                                     submitter: "feed", now: 1).details
        #expect(typed == ["age": "6.5-9 岁 years", "sex": "女 female", "marks": "mole-neck, glasses"])
        var shown = Homeward_V1_SightingShown()
        shown.sex = .female
        shown.estimatedAge.loYears = 6.5
        shown.estimatedAge.hiYears = 9
        shown.markTags = ["mole-neck", "glasses"]
        #expect(SightingDetails.text(shown) == typed, "a ZeroMQ sighting reads as the web form's")
        shown.estimatedAge.loYears = 7
        shown.estimatedAge.hiYears = 7
        #expect(SightingDetails.text(shown)["age"] == "7 岁 years")
        let bare = try SightingForm(form: form(["lat": "23.1", "lon": "113.3"]), submitter: "feed", now: 1).details
        #expect(bare == ["marks": ""] && SightingDetails.text(Homeward_V1_SightingShown()) == bare, "nothing given: no age, no sex, no marks")
        #expect(SightingDetails.remembered(bare) && SightingDetails.remembered(typed))
        #expect(!SightingDetails.remembered(nil) && !SightingDetails.remembered(["box": "0.1 0.1 0.2 0.2"]),
                "a photo fetched from the coordinator keeps only its face box: ask the coordinator")
    }

    @Test func intakeAnswersMapTheCoordinatorsErrors() {
        var shed = Homeward_V1_Error()
        shed.code = .retryLater
        shed.retryAfterMs = 1_500
        shed.message = "intake is shedding load"
        let a = IntakeAnswer.failed(.rejected(shed))
        #expect(a.status == 429 && a.retryAfterSeconds == 2)
        var bad = Homeward_V1_Error()
        bad.code = .invalidArgument
        bad.field = "submit_sighting.faces[0].photo"
        bad.message = "no face found"
        #expect(IntakeAnswer.failed(.rejected(bad)).json.contains("\"field\":\"faces[0].photo\""))
        #expect(IntakeAnswer.failed(.rejected(bad)).status == 422)
        #expect(IntakeAnswer.failed(.timedOut(requestID: "r", afterMilliseconds: 10)).status == 503)
        var ok = Homeward_V1_SightingAccepted()
        ok.sightingID = 12
        ok.repostOf = 7
        ok.durable = true
        #expect(IntakeAnswer.accepted(ok).json == "{\"sighting_id\":12,\"repost_of\":7,\"durable\":true,\"faces_accepted\":0}")
    }

    @Test func provinceMapProjectsChinaIntoItsBox() throws {
        let (x, y) = ProvinceMap.project(lat: 39.9, lon: 116.4)  // Beijing
        #expect(x > 0 && x < Double(ProvinceMap.width) && y > 0 && y < Double(ProvinceMap.height))
        #expect(ProvinceMap.ringPath([[116, 40], [116.01, 40.01], [117, 41]]).filter { $0 == "L" }.count == 1)
    }

    @Test func faceBoxesRoundTripAsClampedFractionsAndBadTextDrawsNothing() {
        let text = FaceBoxText.encode(left: 0.25, top: -0.1, right: 0.75, bottom: 0.5)
        #expect(text == "0.2500,0.0000,0.7500,0.5000")
        #expect(FaceBoxText.rect(text) == "<rect x=\"25.00\" y=\"0.00\" width=\"50.00\" height=\"50.00\"/>")
        #expect(FaceBoxText.rect("0.5,0.5,0.4,0.9") == nil)
        #expect(FaceBoxText.rect("1,2,3") == nil)
        #expect(FaceBoxText.rect("\"><script>") == nil)
    }
}

import Foundation
import Logging
import Testing
@testable import HomewardOps

/// `--log-format json`: one parseable JSON object per line, fixed keys first.
@Suite struct JSONLogHandlerTests {
    @Test func aLineIsOneJSONObjectWithEscapedText() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 1_780_000_000.25), level: .warning, label: "homeward.coordinator",
            message: "worker \"w1\"\nstate", metadata: ["worker": "w1", "shards": .array(["a", "b"]), "n": .stringConvertible(3)])
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "homeward.coordinator")
        #expect(object["msg"] as? String == "worker \"w1\"\nstate")
        #expect(object["worker"] as? String == "w1")
        #expect(object["shards"] as? [String] == ["a", "b"])
        #expect(object["n"] as? String == "3")
        #expect((object["ts"] as? String)?.hasPrefix("2026-05-28T") == true)
        #expect(line.hasPrefix(#"{"ts":"#))
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONLogHandler.quoted("a\u{1}b\\") == #""a\u0001b\\""#)
    }
}

import Foundation
import Testing
@testable import ClusterCore

/// A misspelled key is refused with its JSON path and the nearest known key.
@Suite struct ClusterConfigUnknownKeyTests {
    static let base = #""workers":[{"id":"a"}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}]"#

    @Test(arguments: [
        (#"{"coordinator":{"intakeSlot":5},"#, "unknown key `coordinator.intakeSlot` (did you mean `intakeSlots`?)"),
        (#"{"heartbeats":{},"#, "unknown key `heartbeats` (did you mean `heartbeat`?)"),
        (#"{"matching":{"reachTiers":[{"maxElapsedSeconds":60,"reachKm":1,"reach":2}]},"#,
         "unknown key `matching.reachTiers[0].reach` (did you mean `reachKm`?)"),
        (#"{"coordinator":{"zzzzzzzz":1},"#, "unknown key `coordinator.zzzzzzzz`; remove it"),
    ])
    func unknownKeyIsRefusedWithPathAndNearestKey(prefix: String, expected: String) {
        let json = prefix + Self.base + "}"
        do {
            _ = try ClusterConfig.parse(Data(json.utf8), file: "x.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func unknownKeyInsideAnArrayElementNamesItsIndex() {
        let json = #"{"workers":[{"id":"a"},{"id":"b","matcher":2}],"shards":[{"id":"s","provinces":[],"replicas":["a"]}]}"#
        do {
            _ = try ClusterConfig.parse(Data(json.utf8))
            Issue.record("accepted a worker with `matcher`")
        } catch {
            #expect(error.description.contains("unknown key `workers[1].matcher` (did you mean `matchers`?)"), "\(error.description)")
        }
    }

    @Test func optionalFieldsLeftOutElsewhereAreStillKnown() throws {
        // `opsEndpoint` is nil on worker a and set on worker b: both parse.
        let json = #"{"workers":[{"id":"a"},{"id":"b","opsEndpoint":"http://127.0.0.1:9000","matchers":2}],"shards":[{"id":"s","provinces":[],"replicas":["a","b"]}]}"#
        let config = try ClusterConfig.parse(Data(json.utf8))
        #expect(config.workers[1].opsEndpoint == "http://127.0.0.1:9000")
        #expect(config.workers[0].opsEndpoint == nil)
    }

    @Test func everyShippedConfigHasOnlyKnownKeys() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../cluster-config").standardized
        // console.json configures the operator console (HomewardConsole), not a cluster.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") && $0 != "console.json" }
        #expect(files.contains("local.json") && files.contains("national.json"))
        for file in files { _ = try ClusterConfig.load(path: folder.appendingPathComponent(file).path) }
    }

    @Test func opsEndpointsParse() {
        #expect(OpsEndpoint("http://127.0.0.1:5580") == OpsEndpoint(host: "127.0.0.1", port: 5580))
        #expect(OpsEndpoint("http://[::1]:0") == OpsEndpoint(host: "::1", port: 0))
        #expect(OpsEndpoint("tcp://127.0.0.1:5580") == nil)
        #expect(OpsEndpoint("http://127.0.0.1") == nil)
        #expect(OpsEndpoint("http://:80") == nil)
        #expect(OpsEndpoint("http://h:70000") == nil)
    }

    @Test func nearestKeyNeedsToBeClose() {
        #expect(ClusterConfig.nearest("intakeslots", among: ["intakeSlots", "database"]) == "intakeSlots")
        #expect(ClusterConfig.nearest("qqq", among: ["intakeSlots", "database"]) == nil)
        #expect(ClusterConfig.editDistance("kitten", "sitting") == 3)
    }
}

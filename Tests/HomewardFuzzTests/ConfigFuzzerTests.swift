import Foundation
import Testing
import ClusterCore
@testable import HomewardFuzz

/// The cluster-config fuzzer (docs/bad-input.md). The short run is the CI run;
/// HOMEWARD_FUZZ_ITERATIONS raises it (the long run uses `homeward fuzz`).
@Suite struct ConfigFuzzerTests {
    static var seedFile: Data { FileManager.default.contents(atPath: FuzzTestSupport.localConfigPath)! }

    @Test(arguments: [1, 2] as [UInt64])
    func fuzzRunEndsInConfigsOrTypedErrors(seed: UInt64) {
        let iterations = ProcessInfo.processInfo.environment["HOMEWARD_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1000
        let report = ConfigFuzzer(seed: seed, seedFile: Self.seedFile).run(iterations: iterations)
        #expect(report.inputs == iterations)
        #expect(report.findings.isEmpty, "\(report.findings.prefix(10))")
        #expect(report.accepted > 0 && report.rejected > 0)
        // Syntax, type and rule errors are all reached.
        #expect(report.problems.count >= 10, "\(report.problems)")
        #expect(report.problems.keys.contains { $0.hasPrefix("the file is not valid JSON") })
        print("config fuzz seed \(seed): \(report.inputs) inputs, \(report.accepted) accepted, \(report.rejected) rejected, "
            + "\(report.problems.count) kinds of problem")
    }

    @Test func sameSeedSameReport() {
        let a = ConfigFuzzer(seed: 4, seedFile: Self.seedFile).run(iterations: 200)
        let b = ConfigFuzzer(seed: 4, seedFile: Self.seedFile).run(iterations: 200)
        #expect(a == b)
    }

    /// The oracle does flag a config that breaks a rule.
    @Test func oracleFlagsBrokenConfigs() throws {
        var config = try ClusterConfig.parse(Self.seedFile)
        #expect(ConfigFuzzer.problems(with: config).isEmpty)
        config.matching.topK = 0
        config.heartbeat.deadAfterMilliseconds = .max
        config.workers.append(config.workers[0])
        #expect(ConfigFuzzer.problems(with: config).count >= 3)
    }

    /// Values the fuzzer found that passed validation and would trap or break
    /// a service later: each is now refused when the file is loaded.
    @Test(arguments: [
        (#"{"heartbeat":{"deadAfterMilliseconds":9223372036854775807}}"#, "at most 86400000"),
        (#"{"heartbeat":{"requestTimeoutMilliseconds":100000000000000}}"#, "at most 86400000"),
        (#"{"workers":[{"id":"w1","matchers":0},{"id":"w2"}]}"#, "matchers must lie in 1…4096"),
        (#"{"workers":[{"id":"w1","matchers":-3},{"id":"w2"}]}"#, "matchers must lie in 1…4096"),
        (#"{"workers":[{"id":"w1","extractors":-1},{"id":"w2"}]}"#, "extractors must lie in 0…256"),
        (#"{"workers":[{"id":"w1","extractors":257},{"id":"w2"}]}"#, "extractors must lie in 0…256"),
        (#"{"workers":[{"id":""}],"shards":[{"id":"s","provinces":[],"replicas":[""]}]}"#, "worker ids must be 1-255 bytes"),
        (#"{"matching":{"urgentWithinSeconds":-1}}"#, "urgentWithinSeconds must be ≥ 0"),
        // The fuzzer found a U+FEFF in a path that did not survive encode and parse
        // (Foundation's reader drops one that follows an escape such as `\/`).
        ("{\"coordinator\":{\"database\":\"../x\u{FEFF}var/db.sqlite\"}}", "coordinator.database contains the invisible character U+FEFF"),
        (#"{"matching":{"markVocabulary":["scar\u0000"]}}"#, "matching.markVocabulary[0] contains the invisible character U+0000"),
    ])
    func outOfRangeValuesAreRefused(json: String, expected: String) throws {
        var merged = try JSONSerialization.jsonObject(with: Self.seedFile) as! [String: Any]
        let given = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        for (key, value) in given {
            if var section = merged[key] as? [String: Any], let override = value as? [String: Any] {
                section.merge(override) { $1 }
                merged[key] = section
            } else {
                merged[key] = value
            }
        }
        let data = try JSONSerialization.data(withJSONObject: merged)
        #expect {
            try ClusterConfig.parse(data, file: "x.json")
        } throws: { error in
            (error as? ClusterConfig.LoadError)?.description.contains(expected) == true
        }
    }

    /// Deep nesting is a syntax error with a message, not a stack overflow.
    @Test(arguments: [600, 100_000])
    func deepNestingIsRefused(depth: Int) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: ClusterConfig.LoadError.self) { try ClusterConfig.parse(Data(text.utf8), file: "x.json") }
        let inner = "{\"matching\":" + String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth) + "}"
        #expect(throws: ClusterConfig.LoadError.self) { try ClusterConfig.parse(Data(inner.utf8), file: "x.json") }
    }

    @Test func durationsBeyondUInt64NanosecondsSaturate() {
        #expect(Duration.milliseconds(Int.max).wholeNanoseconds == .max)
        #expect(Duration.milliseconds(1500).wholeNanoseconds == 1_500_000_000)
        #expect(Duration.milliseconds(-5).wholeNanoseconds == 0)
    }
}

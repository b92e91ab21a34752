import Foundation
import HomewardBasics
import ClusterCore

/// A seeded mutation fuzzer for the cluster config loader (issue 7: "every
/// decoder fuzzed"). It mutates a valid config file, as bytes (bit flips,
/// inserted JSON punctuation, truncation, raw tokens such as `NaN`, `1e999`
/// or 2^64) and as a JSON tree (wrong types, negative and huge numbers,
/// NaN-like strings, missing and unknown keys, deep nesting, duplicated
/// workers, shards, replicas and provinces), and runs `ClusterConfig.parse`.
///
/// Every input must end as a config or a `LoadError` with a message; a trap
/// ends the process, so it cannot hide. An accepted config must also hold
/// every rule `validate()` promises (an oracle written out again here), turn
/// into a shard map, reach tiers and heartbeat timing without trapping, and
/// survive an encode/parse round trip unchanged. Anything else is a finding.
public struct ConfigFuzzer: Sendable {
    public struct Report: Sendable, Equatable {
        public var inputs = 0
        public var accepted = 0
        public var rejected = 0
        /// Rejections by the first words of their problem (e.g. `matching.topK`).
        public var problems: [String: Int] = [:]
        /// Each names its input number. Must stay empty.
        public var findings: [String] = []
        public var internalErrors: Int { findings.count }
    }

    public var seed: UInt64
    /// A valid config file's bytes (cluster-config/local.json).
    public var seedFile: Data

    public init(seed: UInt64, seedFile: Data) {
        self.seed = seed
        self.seedFile = seedFile
    }

    public func run(iterations: Int) -> Report {
        var report = Report()
        let tree = try? JSONSerialization.jsonObject(with: seedFile)
        for i in 0..<iterations {
            let data = input(at: i, tree: tree)
            report.inputs += 1
            do throws(ClusterConfig.LoadError) {
                let config = try ClusterConfig.parse(data, file: "fuzz.json")
                report.accepted += 1
                for problem in Self.problems(with: config) { report.findings.append("input \(i): accepted, but \(problem)") }
            } catch {
                report.rejected += 1
                report.problems[Self.label(error.problem), default: 0] += 1
                if error.problem.isEmpty || error.file != "fuzz.json" || !error.description.hasPrefix("cluster config fuzz.json: ") {
                    report.findings.append("input \(i): rejection without a file and message: \(error.description)")
                }
            }
        }
        return report
    }

    /// Input number `index`; each has its own generator state, so any one can
    /// be rebuilt alone.
    public func input(at index: Int) -> Data {
        input(at: index, tree: try? JSONSerialization.jsonObject(with: seedFile))
    }

    func input(at index: Int, tree: Any?) -> Data {
        var rng = SeededGenerator(seed: seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        var text: [UInt8]
        if let tree, rng.below(10) < 6 {
            var value = tree
            for _ in 0...rng.below(3) { Self.mutateTree(&value, depth: 0, using: &rng) }
            text = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])).map { Array($0) } ?? Array(seedFile)
            if rng.below(4) == 0 { Self.mutateText(&text, using: &rng) }
        } else {
            text = Array(seedFile)
            for _ in 0...rng.below(4) { Self.mutateText(&text, using: &rng) }
        }
        return Data(text)
    }

    /// Rules an accepted config must satisfy, checked independently of
    /// `validate()`, and the derived values the services build from it.
    static func problems(with c: ClusterConfig) -> [String] {
        var out: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { out.append(what) } }
        let ids = c.workers.map(\.id)
        check(Set(ids).count == ids.count, "a worker id is listed twice")
        check(ids.allSatisfy { (1...255).contains($0.rawValue.utf8.count) && $0.rawValue.utf8.first != 0 }, "a worker id is not a valid routing id")
        let texts = [c.coordinator.clientEndpoint, c.coordinator.alertsEndpoint, c.coordinator.workerEndpoint, c.coordinator.controlEndpoint,
                     c.coordinator.database] + ids.map(\.rawValue) + c.shards.flatMap { [$0.id.rawValue] + $0.provinces + $0.replicas.map(\.rawValue) }
            + c.matching.markVocabulary
        check(!texts.contains { $0.unicodeScalars.contains { [.control, .format].contains($0.properties.generalCategory) } }, "a string has an invisible character")
        check(c.workers.allSatisfy { $0.matchers.map { (1...ClusterConfig.maxMatchers).contains($0) } ?? true }, "matchers out of range")
        check(c.workers.allSatisfy { $0.extractors.map { (0...ClusterConfig.maxExtractors).contains($0) } ?? true }, "extractors out of range")
        check(!c.shards.isEmpty && c.shards.allSatisfy { !$0.replicas.isEmpty && $0.replicas.allSatisfy(ids.contains) }, "a shard has no or unknown replicas")
        check([128, 512].contains(c.matching.dimension), "dimension \(c.matching.dimension)")
        check(c.matching.faceThreshold >= -1 && c.matching.faceThreshold <= 1, "faceThreshold out of range")
        check(c.matching.marksWeight.isFinite && c.matching.marksWeight >= 0, "marksWeight out of range")
        check((1...1000).contains(c.matching.topK), "topK out of range")
        check(c.matching.ageToleranceYears.isFinite && c.matching.ageToleranceYears >= 0, "ageToleranceYears out of range")
        check(c.matching.urgentWithinSeconds >= 0, "urgentWithinSeconds negative")
        check((1...ClusterConfig.maxIntakeSlots).contains(c.coordinator.intakeSlots), "intakeSlots out of range")
        check((1...64).contains(c.coordinator.matchRequestsInFlight) && (1...1024).contains(c.coordinator.matchBatchSize), "match batching out of range")
        let q = c.coordinator
        check(0 < q.bulkQueueLimit && q.bulkQueueLimit <= q.urgentQueueLimit && q.urgentQueueLimit <= 10_000_000, "queue limits out of order or range")
        check((1...ClusterConfig.maxHeartbeatMilliseconds).contains(q.extractionTimeoutMilliseconds)
              && (1...100).contains(q.extractionTries) && (1...100).contains(q.matchTries), "retry policy out of range")
        let h = c.heartbeat
        check(0 < h.intervalMilliseconds && h.intervalMilliseconds < h.suspectAfterMilliseconds
              && h.suspectAfterMilliseconds < h.deadAfterMilliseconds && h.deadAfterMilliseconds <= ClusterConfig.maxHeartbeatMilliseconds
              && 0 < h.requestTimeoutMilliseconds && h.requestTimeoutMilliseconds <= ClusterConfig.maxHeartbeatMilliseconds,
              "heartbeat timings out of order or range")
        // What the coordinator and workers derive at start-up (a trap here would take them down).
        do {
            let map = try c.shardMap()
            for shard in map.shards {
                check(map.shard(at: map.index(of: shard.id)) == shard.id, "shard \(shard.id) has no stable wire number")
                check(!map.preference(for: shard.id).isEmpty, "shard \(shard.id) has no preferred replica")
            }
            _ = try c.reachTierTable()
        } catch {
            out.append("derived values failed: \(error.description)")
        }
        let timing = Membership.Timing(h)
        check(timing.deadAfter.wholeNanoseconds > timing.heartbeatInterval.wholeNanoseconds, "heartbeat nanoseconds out of order")
        do {
            let again = try ClusterConfig.parse(JSONEncoder().encode(c), file: "round-trip")
            check(again == c, "encode and parse again changed it")
        } catch {
            out.append("its own encoding is rejected: \(error)")
        }
        return out
    }

    /// A rejection's kind: its problem up to the first colon or digit, shortened.
    static func label(_ problem: String) -> String {
        let head = problem.prefix { $0 != ":" && !$0.isNumber && $0 != "(" }
        return String(head.prefix(48)).trimmingCharacters(in: .whitespaces)
    }
}



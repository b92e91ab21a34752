import Foundation
import GeoIndex

extension ClusterConfig {
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var problem: String
        public var description: String { "cluster config \(file): \(problem)" }
    }

    /// Parses a config: the file's JSON objects are merged over the defaults
    /// (objects key by key, arrays and values replaced), then checked.
    public static func parse(_ data: Data, file: String = "<config>") throws(LoadError) -> ClusterConfig {
        do {
            let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ClusterConfig()))
            let given: Any
            do {
                given = try JSONSerialization.jsonObject(with: data)
            } catch let error as NSError {
                // Foundation's own description is "Error Domain=NSCocoaErrorDomain Code=3840 …".
                let detail = error.userInfo["NSDebugDescription"] as? String ?? "unreadable"
                throw LoadError(file: file, problem: "the file is not valid JSON (\(detail))")
            }
            guard given is [String: Any] else { throw LoadError(file: file, problem: "the top level must be a JSON object") }
            let merged = try JSONSerialization.data(withJSONObject: merge(defaults, given))
            let config = try JSONDecoder().decode(ClusterConfig.self, from: merged)
            try checkKnownKeys(given, decoded: config)
            try config.validate()
            return config
        } catch var error as LoadError {
            if error.file.isEmpty { error.file = file }
            throw error
        } catch let error as DecodingError {
            throw LoadError(file: file, problem: describe(error))
        } catch {
            throw LoadError(file: file, problem: "\(error)")
        }
    }

    /// Reads and parses a config file.
    public static func load(path: String) throws(LoadError) -> ClusterConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(file: path, problem: "cannot read the file")
        }
        return try parse(data, file: path)
    }

    /// The shard map this config describes.
    public func shardMap() throws(LoadError) -> ShardMap {
        do {
            return try ShardMap(shards: shards)
        } catch {
            throw LoadError(file: "", problem: error.description)
        }
    }

    public func reachTierTable() throws(LoadError) -> ReachTierTable {
        do {
            return try ReachTierTable(tiers: matching.reachTiers.map { .init(maxElapsedSeconds: $0.maxElapsedSeconds, reachKm: $0.reachKm) })
        } catch {
            throw LoadError(file: "", problem: error.description)
        }
    }

    /// Largest `matchers` per worker (far above any core count).
    public static let maxMatchers = 4096
    /// Largest `extractors` per worker: each holds about 30 MB of face models.
    public static let maxExtractors = 256
    /// Requests in progress at once; far past this the coordinator only queues memory.
    public static let maxIntakeSlots = 1_000_000
    /// Largest heartbeat or request timeout: one day.
    public static let maxHeartbeatMilliseconds = 86_400_000

    func validate() throws(LoadError) {
        func fail(_ problem: String) -> LoadError { LoadError(file: "", problem: problem) }
        _ = try shardMap()
        _ = try reachTierTable()
        try checkVisibleText()
        let workerIDs = Set(workers.map(\.id))
        guard workerIDs.count == workers.count else { throw fail("a worker id is listed twice") }
        for worker in workers {
            // A worker id is its ZeroMQ routing id: 1-255 bytes, not starting with a NUL byte.
            guard (1...255).contains(worker.id.rawValue.utf8.count), worker.id.rawValue.utf8.first != 0 else {
                throw fail("worker ids must be 1-255 bytes and not start with a NUL character")
            }
            if let m = worker.matchers, !(1...Self.maxMatchers).contains(m) {
                throw fail("worker \(worker.id): matchers must lie in 1…\(Self.maxMatchers)")
            }
            if let ops = worker.opsEndpoint, OpsEndpoint(ops) == nil {
                throw fail("worker \(worker.id): opsEndpoint must look like http://HOST:PORT, not \(ops)")
            }
            if let e = worker.extractors, !(0...Self.maxExtractors).contains(e) {
                throw fail("worker \(worker.id): extractors must lie in 0…\(Self.maxExtractors) (0: no face extraction on this worker)")
            }
        }
        for shard in shards {
            for replica in shard.replicas where !workerIDs.contains(replica) {
                throw fail("shard \(shard.id) names worker \(replica), which is not in `workers`")
            }
        }
        guard [128, 512].contains(matching.dimension) else { throw fail("matching.dimension must be 128 or 512") }
        guard (-1.0...1.0).contains(matching.faceThreshold) else { throw fail("matching.faceThreshold must lie in [-1, 1]") }
        guard matching.marksWeight.isFinite, matching.marksWeight >= 0 else { throw fail("matching.marksWeight must be ≥ 0") }
        guard (1...1000).contains(matching.topK) else { throw fail("matching.topK must lie in 1…1000") }
        guard matching.ageToleranceYears.isFinite, matching.ageToleranceYears >= 0 else { throw fail("matching.ageToleranceYears must be ≥ 0") }
        guard matching.markVocabulary.count <= 256 else { throw fail("matching.markVocabulary has more than 256 tags") }
        guard Set(matching.markVocabulary).count == matching.markVocabulary.count else { throw fail("matching.markVocabulary lists a tag twice") }
        guard matching.urgentWithinSeconds >= 0 else { throw fail("matching.urgentWithinSeconds must be ≥ 0") }
        guard (1...Self.maxIntakeSlots).contains(coordinator.intakeSlots) else {
            throw fail("coordinator.intakeSlots must lie in 1…\(Self.maxIntakeSlots)")
        }
        guard (1...64).contains(coordinator.matchRequestsInFlight) else { throw fail("coordinator.matchRequestsInFlight must lie in 1…64") }
        guard (1...1024).contains(coordinator.matchBatchSize) else { throw fail("coordinator.matchBatchSize must lie in 1…1024") }
        guard OpsEndpoint(coordinator.opsEndpoint) != nil else {
            throw fail("coordinator.opsEndpoint must look like http://HOST:PORT, not \(coordinator.opsEndpoint)")
        }
        guard (0...Self.maxHeartbeatMilliseconds).contains(coordinator.drainTimeoutMilliseconds) else {
            throw fail("coordinator.drainTimeoutMilliseconds must lie in 0…\(Self.maxHeartbeatMilliseconds)")
        }
        guard (1...3650).contains(coordinator.retentionDays) else { throw fail("coordinator.retentionDays must lie in 1…3650") }
        guard (1...3650).contains(coordinator.photoRetentionDays) else { throw fail("coordinator.photoRetentionDays must lie in 1…3650") }
        let c = coordinator
        guard c.bulkQueueLimit > 0, c.urgentQueueLimit >= c.bulkQueueLimit, c.urgentQueueLimit <= 10_000_000 else {
            throw fail("coordinator: need 0 < bulkQueueLimit ≤ urgentQueueLimit ≤ 10000000")
        }
        guard (1...Self.maxHeartbeatMilliseconds).contains(c.extractionTimeoutMilliseconds) else {
            throw fail("coordinator.extractionTimeoutMilliseconds must lie in 1…\(Self.maxHeartbeatMilliseconds)")
        }
        guard (1...100).contains(c.extractionTries) else { throw fail("coordinator.extractionTries must lie in 1…100") }
        guard (1...100).contains(c.matchTries) else { throw fail("coordinator.matchTries must lie in 1…100") }
        let h = heartbeat
        guard h.intervalMilliseconds > 0, h.suspectAfterMilliseconds > h.intervalMilliseconds,
              h.deadAfterMilliseconds > h.suspectAfterMilliseconds, h.requestTimeoutMilliseconds > 0 else {
            throw fail("heartbeat: need 0 < intervalMilliseconds < suspectAfterMilliseconds < deadAfterMilliseconds")
        }
        // Beyond a day the timings mean nothing, and far beyond it (2^63 ms) they overflow nanoseconds.
        guard h.deadAfterMilliseconds <= Self.maxHeartbeatMilliseconds, h.requestTimeoutMilliseconds <= Self.maxHeartbeatMilliseconds else {
            throw fail("heartbeat: deadAfterMilliseconds and requestTimeoutMilliseconds must be at most \(Self.maxHeartbeatMilliseconds) (one day)")
        }
    }

    /// Every string of the config is free of control and invisible format
    /// characters (NUL, U+FEFF, …): in an endpoint, path or id they are always
    /// a mistake, and Foundation's JSON reader silently drops a U+FEFF that
    /// starts a string or follows an escape, so such a file would not mean
    /// what it says.
    func checkVisibleText() throws(LoadError) {
        var texts: [(String, String)] = [
            ("coordinator.clientEndpoint", coordinator.clientEndpoint), ("coordinator.alertsEndpoint", coordinator.alertsEndpoint),
            ("coordinator.workerEndpoint", coordinator.workerEndpoint), ("coordinator.controlEndpoint", coordinator.controlEndpoint),
            ("coordinator.database", coordinator.database), ("coordinator.opsEndpoint", coordinator.opsEndpoint),
        ]
        texts += workers.enumerated().compactMap { i, w in w.opsEndpoint.map { ("workers[\(i)].opsEndpoint", $0) } }
        texts += workers.enumerated().map { ("workers[\($0)].id", $1.id.rawValue) }
        for (i, shard) in shards.enumerated() {
            texts.append(("shards[\(i)].id", shard.id.rawValue))
            texts += shard.provinces.enumerated().map { ("shards[\(i)].provinces[\($0)]", $1) }
            texts += shard.replicas.enumerated().map { ("shards[\(i)].replicas[\($0)]", $1.rawValue) }
        }
        texts += matching.markVocabulary.enumerated().map { ("matching.markVocabulary[\($0)]", $1) }
        for (field, text) in texts {
            if let bad = text.unicodeScalars.first(where: { [.control, .format].contains($0.properties.generalCategory) }) {
                let code = String(bad.value, radix: 16, uppercase: true)
                throw LoadError(file: "", problem: "\(field) contains the invisible character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code); remove it")
            }
        }
    }

    private static func merge(_ base: Any, _ override: Any) -> Any {
        guard let b = base as? [String: Any], let o = override as? [String: Any] else { return override }
        var result = b
        for (key, value) in o { result[key] = b[key].map { merge($0, value) } ?? value }
        return result
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c)): \(c.debugDescription)"
        case .keyNotFound(let key, let c): return "\(path(c)): missing field `\(key.stringValue)`"
        case .dataCorrupted(let c): return "\(path(c).isEmpty ? "file" : path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

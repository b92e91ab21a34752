import ClusterCore
import HomewardProtocol
import Logging
import MatchEngine

/// A worker's state: one matching engine per shard it replicates, kept current
/// from the coordinator's feature-update stream, and the match requests it serves.
///
/// Messages are handled one at a time in arrival order, so an update sent before
/// a request is always applied before that request is matched.
public actor WorkerNode {
    public let id: WorkerID
    let shardMap: ShardMap
    let matchConfig: MatchConfig
    let decider: AlertDecider
    let validator: WorkerValidator
    nonisolated let clock: WallClock
    let logger: Logger
    /// Sends a message body to the coordinator (the socket loop owns the socket).
    let send: @Sendable ([Frame]) -> Void
    let matchersPerShard: Int

    var engines: [UInt32: MatchEngine] = [:]
    var trackers: [UInt32: ShardStreamTracker] = [:]
    public private(set) var lastHeardFromCoordinator: MonotonicTime
    /// What the gate-aware scan did (issue 16), for the metrics.
    public private(set) var scanCounters = ScanCounters()
    /// When READY was last sent: DISCONNECTs answering heartbeats sent before it
    /// must not each trigger another READY (and another snapshot).
    var lastReadySent: MonotonicTime?

    public init(id: WorkerID, config: ClusterConfig, matchersPerShard: Int, clock: WallClock = .system,
                logger: Logger, send: @escaping @Sendable ([Frame]) -> Void) throws {
        self.id = id
        self.shardMap = try config.shardMap()
        self.matchConfig = try MatchConfig(config.matching)
        self.decider = AlertDecider(topK: config.matching.topK)
        self.validator = WorkerValidator(maxShardID: UInt32(shardMap.shards.count - 1))
        self.clock = clock
        self.logger = logger
        self.send = send
        self.matchersPerShard = matchersPerShard
        self.lastHeardFromCoordinator = clock.monotonic()
        for shard in shardMap.shards(on: id) {
            let index = shardMap.index(of: shard)
            engines[index] = MatchEngine(config: matchConfig, partitions: matchersPerShard)
            trackers[index] = ShardStreamTracker(shardID: index)
        }
    }

    /// READY with the worker's position in each shard's stream, so a worker that
    /// reconnects gets only what it missed.
    public func readyMessage() -> [Frame] {
        lastReadySent = clock.monotonic()
        var ready = Homeward_V1_WorkerReady()
        ready.protocolVersion = WorkerCodec.protocolVersion
        ready.workerID = id.rawValue
        ready.embeddingDimension = UInt32(matchConfig.dimension)
        ready.shards = trackers.keys.sorted().map { trackers[$0]!.cursor }
        return Frames.join(body: WorkerCodec.encode(.ready(ready)))
    }

    public func heartbeatMessage() -> [Frame] {
        var heartbeat = Homeward_V1_Heartbeat()
        heartbeat.sentAtMs = clock.unixMilliseconds()
        return Frames.join(body: WorkerCodec.encode(.heartbeat(heartbeat)))
    }

    /// Handles one message from the coordinator (frames as the DEALER received them).
    public func handle(_ frames: [Frame]) async {
        lastHeardFromCoordinator = clock.monotonic()
        let message: WorkerMessage
        do {
            let (_, body) = try Frames.split(frames)
            message = try WorkerCodec.decodeValidated(body, from: .coordinator, validator: validator, now: clock.unixSeconds())
        } catch {
            logger.warning("dropped a malformed message from the coordinator", metadata: ["error": "\(error)"])
            return
        }
        switch message {
        case .update(let update): await apply(update)
        case .request(let request): await serve(request)
        case .disconnect:
            // The coordinator does not know us (it restarted, or declared us dead): register again,
            // unless a READY went out just now and this answers a heartbeat sent before it.
            let now = clock.monotonic()
            if lastReadySent.map({ now.since($0) > .seconds(1) }) ?? true { send(readyMessage()) }
        case .extract(let job):
            // Normally routed to the extractors before reaching here (see WorkerService).
            _ = job
        case .heartbeat, .ready, .final, .sync, .extracted: break
        }
    }

    /// The extraction job in a message, if it is one (checked without the node's state).
    public nonisolated static func extractJob(_ frames: [Frame]) -> Homeward_V1_ExtractFaces? {
        guard let (_, body) = try? Frames.split(frames), body.count == 3, body[1] == [UInt8(Homeward_V1_WorkerCommand.extract.rawValue)],
              case .extract(let job)? = try? WorkerCodec.decodeValidated(body, from: .coordinator, validator: WorkerValidator(), now: 0)
        else { return nil }
        return job
    }

    func apply(_ update: Homeward_V1_FeatureUpdate) async {
        guard var tracker = trackers[update.shardID], engines[update.shardID] != nil else { return }
        let decision = tracker.accept(update)
        trackers[update.shardID] = tracker
        switch decision {
        case .ignore: return
        case .resync(let cursor):
            var sync = Homeward_V1_SyncRequest()
            sync.from = cursor
            send(Frames.join(body: WorkerCodec.encode(.sync(sync))))
            return
        case .apply: break
        }
        switch update.change {
        case .snapshotBegin?:
            // A snapshot replaces the shard whole: start from an empty engine.
            engines[update.shardID] = MatchEngine(config: matchConfig, partitions: matchersPerShard)
        case .snapshotRow(let row)?, .upsert(let row)?:
            do {
                try await engines[update.shardID]!.upsertCase(FeatureMapping.features(row))
            } catch {
                logger.error("case features rejected by the matching engine", metadata: ["case": "\(row.caseID)", "error": "\(error)"])
            }
        case .remove(let remove)?: _ = await engines[update.shardID]!.removeCase(id: remove.caseID)
        case .snapshotEnd?, nil: break
        }
    }

    func serve(_ request: Homeward_V1_MatchRequest) async {
        let sightings = request.sightings.map(FeatureMapping.features)
        var perSighting = Array(repeating: [[MatchCandidate]](), count: sightings.count)
        // A case lives in exactly one shard, so its id names the shard its candidate came from.
        var shardOfCase: [UInt64: UInt32] = [:]
        var served: [UInt32] = []
        for shard in request.shardIds {
            // Serve only shards whose stream is whole; the coordinator re-sends the rest.
            guard let engine = engines[shard], case .live = trackers[shard]?.state else { continue }
            do {
                let outcome = try await engine.matchCounting(sightings, countAdmitted: scanCounters.samplesNext)
                scanCounters.add(outcome)
                for (i, r) in outcome.candidates.enumerated() {
                    perSighting[i].append(r)
                    for c in r { shardOfCase[c.caseID] = shard }
                }
                served.append(shard)
            } catch {
                logger.error("match request rejected by the matching engine", metadata: ["error": "\(error)"])
            }
        }
        var result = Homeward_V1_MatchResult()
        result.requestID = request.requestID
        result.shardIds = served
        for parts in perSighting {
            result.candidates += decider.rank(parts).map { FeatureMapping.wire($0, shard: shardOfCase[$0.caseID] ?? 0) }
        }
        send(Frames.join(body: WorkerCodec.encode(.final(result))))
    }
}

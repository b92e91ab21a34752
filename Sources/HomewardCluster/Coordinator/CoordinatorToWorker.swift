import ClusterCore
import HomewardProtocol

/// The coordinator's messages to a worker, built from what the core decided.
enum CoordinatorToWorker {
    static func extract(job: UInt64, photo: [UInt8]) -> WorkerMessage {
        var request = Homeward_V1_ExtractFaces()
        request.jobID = job
        request.photo = .init(photo)
        return .extract(request)
    }

    static func match(_ send: CoordinatorDirective.MatchSend, topK: Int) -> WorkerMessage {
        var request = Homeward_V1_MatchRequest()
        request.requestID = send.requestID
        request.shardIds = send.shards
        request.topK = UInt32(topK)
        request.sightings = send.sightings.map { FeatureMapping.wire($0) }
        return .request(request)
    }

    static func heartbeat(sentAtMs: Int64, queueDepth: Int) -> WorkerMessage {
        var heartbeat = Homeward_V1_Heartbeat()
        heartbeat.sentAtMs = sentAtMs
        heartbeat.queueDepth = UInt32(queueDepth)
        return .heartbeat(heartbeat)
    }

    /// Sent to a worker the coordinator does not (or no longer) know: it registers again.
    static var unknownWorker: WorkerMessage {
        var bye = Homeward_V1_Disconnect()
        bye.reason = .unknownWorker
        return .disconnect(bye)
    }
}

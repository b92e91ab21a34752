/// One decoded worker-protocol message: the command frame selects the case,
/// the payload frame is its protobuf message.
public enum WorkerMessage: Sendable, Equatable {
    case ready(Homeward_V1_WorkerReady)
    case request(Homeward_V1_MatchRequest)
    case final(Homeward_V1_MatchResult)
    case heartbeat(Homeward_V1_Heartbeat)
    case disconnect(Homeward_V1_Disconnect)
    case update(Homeward_V1_FeatureUpdate)
    case sync(Homeward_V1_SyncRequest)
    case extract(Homeward_V1_ExtractFaces)
    case extracted(Homeward_V1_ExtractedFaces)

    /// Which end of the connection may send a command.
    public enum Sender: Sendable, Equatable {
        case worker
        case coordinator
        case either
    }

    public var command: Homeward_V1_WorkerCommand {
        switch self {
        case .ready: .ready
        case .request: .request
        case .final: .final
        case .heartbeat: .heartbeat
        case .disconnect: .disconnect
        case .update: .update
        case .sync: .sync
        case .extract: .extract
        case .extracted: .extracted
        }
    }

    public static func sender(of command: Homeward_V1_WorkerCommand) -> Sender? {
        switch command {
        case .ready, .final, .sync, .extracted: .worker
        case .request, .update, .extract: .coordinator
        case .heartbeat, .disconnect: .either
        case .unspecified, .UNRECOGNIZED: nil
        }
    }
}

/// A subscriber's view of one topic's sequence: which events to deliver,
/// which to drop as duplicates (live and catch-up overlap), and when to ask
/// for a catch-up. Pure; the client shell sends the AlertCatchUp requests.
public struct AlertSequenceTracker: Sendable, Equatable {
    /// The last sequence delivered in order (0: none yet).
    public private(set) var delivered: UInt64

    public enum Decision: Sendable, Equatable {
        /// In order: deliver it.
        case deliver
        /// Already delivered (sequence <= delivered): drop it.
        case duplicate
        /// Events `from...through` are missing: catch up, then deliver again.
        case gap(from: UInt64, through: UInt64)
    }

    public init(delivered: UInt64 = 0) { self.delivered = delivered }

    /// For an Alert or CaseClosed with this sequence.
    public mutating func accept(sequence: UInt64) -> Decision {
        if sequence <= delivered { return .duplicate }
        if sequence == delivered + 1 {
            delivered = sequence
            return .deliver
        }
        return .gap(from: delivered + 1, through: sequence - 1)
    }

    /// For a heartbeat: a gap if the topic has events this subscriber has not seen.
    public func check(heartbeatLastSequence last: UInt64) -> Decision {
        last > delivered ? .gap(from: delivered + 1, through: last) : .duplicate
    }
}

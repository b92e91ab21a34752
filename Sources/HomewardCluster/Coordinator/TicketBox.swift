import ClusterCore

/// The coordinator shell's requests that wait for an answer from its core,
/// by ticket. The answer may come while the request is still carrying out
/// directives (then it is kept until asked for) or later, from another task
/// (then the waiting request is resumed).
struct TicketBox {
    enum Answer: Sendable {
        case sighting(SightingReply)
        case caseFaces([ExtractionOutcome])
    }

    private var next: UInt64 = 1
    private var waiting: [UInt64: CheckedContinuation<Answer, Never>] = [:]
    private var ready: [UInt64: Answer] = [:]

    mutating func issue() -> UInt64 {
        defer { next += 1 }
        return next
    }

    mutating func deliver(_ ticket: UInt64, _ answer: Answer) {
        if let waiter = waiting.removeValue(forKey: ticket) { waiter.resume(returning: answer) } else { ready[ticket] = answer }
    }

    /// The answer if it has come, else registers `waiter` for it.
    mutating func take(_ ticket: UInt64) -> Answer? { ready.removeValue(forKey: ticket) }

    mutating func wait(_ ticket: UInt64, _ waiter: CheckedContinuation<Answer, Never>) { waiting[ticket] = waiter }
}

extension Homeward_V1_Request {
    /// Whether the request has a durable effect: its request id is stored with
    /// its reply, and a retry with the same id gets that reply and changes nothing
    /// (docs/protocol.md, "Idempotency and retries"). Reads are answered afresh.
    public var isMutating: Bool {
        switch body {
        case .registerCase?, .closeCase?, .reopenCase?, .submitSighting?, .reviewAlert?: true
        default: false
        }
    }
}

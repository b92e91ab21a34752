import HomewardProtocol

extension CoordinatorNode {
    /// Every answered client request passes here: metrics, and one log line
    /// per failed sighting (error code and field only: never the content, nor
    /// the client-chosen request id, which could say anything).
    func observe(isSubmission: Bool, reply: Homeward_V1_Reply, requestID: String, since start: ContinuousClock.Instant) {
        metrics.replied(isSubmission: isSubmission, reply: reply, since: start)
        guard isSubmission, case .error(let error)? = reply.result, error.code != .retryLater else { return }
        logger.info("sighting refused", metadata: [
            "code": "\(CoordinatorMetrics.label(error.code))", "field": "\(error.field)",
        ])
    }
}

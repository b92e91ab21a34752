import HomewardProtocol

extension Homeward_V1_Request {
    /// Whether this request submits a sighting (the submission metrics count only these).
    var isSubmission: Bool {
        if case .submitSighting? = body { return true }
        return false
    }
}

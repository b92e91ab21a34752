/// Everything a peer can ask the coordinator for, as `AccessPolicy` sees it.
public enum ClientAction: String, Sendable, CaseIterable {
    case registerCase = "register-case"
    case submitSighting = "submit-sighting"
    case showCase = "show-case"
    case closeCase = "close-case"
    case reopenCase = "reopen-case"
    case reviewAlert = "review-alert"
    /// Where a sighting is in matching, with its alert ids (which name cases).
    case showSighting = "show-sighting"
    case alertCatchUp = "alert-catch-up"
    /// The review state of some alerts (decision, reviewer, case open).
    case showReviews = "show-reviews"
    /// The photos kept for review of a case or a sighting (personal data).
    case showPhotos = "show-photos"
    case status
    /// Receive a province topic of the alert stream (XPUB subscription).
    case subscribeAlerts = "subscribe-alerts"
    /// Register on the worker socket and receive snapshots, requests and photos.
    case serveAsWorker = "serve-as-worker"

    /// The action a client request asks for (nil: a request without a body).
    public init?(_ request: Homeward_V1_Request) {
        switch request.body {
        case .registerCase?: self = .registerCase
        case .submitSighting?: self = .submitSighting
        case .showCase?: self = .showCase
        case .closeCase?: self = .closeCase
        case .reviewAlert?: self = .reviewAlert
        case .alertCatchUp?: self = .alertCatchUp
        case .status?: self = .status
        case .reopenCase?: self = .reopenCase
        case .showSighting?: self = .showSighting
        case .showReviews?: self = .showReviews
        case .showPhotos?: self = .showPhotos
        case nil: return nil
        }
    }
}

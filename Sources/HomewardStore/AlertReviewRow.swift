/// An alert's review state as stored: its first review (reviews are recorded
/// once per alert) and whether its case is open now. The review's reason is
/// not read: it may name people and stays with the audit log.
public struct AlertReviewRow: Sendable, Equatable {
    public var alertID: String
    /// nil: not reviewed; true: confirmed; false: rejected.
    public var confirmed: Bool?
    public var reviewer: String
    public var decidedAt: Int64
    public var caseOpen: Bool

    public init(alertID: String, confirmed: Bool?, reviewer: String, decidedAt: Int64, caseOpen: Bool) {
        self.alertID = alertID
        self.confirmed = confirmed
        self.reviewer = reviewer
        self.decidedAt = decidedAt
        self.caseOpen = caseOpen
    }
}

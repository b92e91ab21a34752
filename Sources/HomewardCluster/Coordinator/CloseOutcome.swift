extension CoordinatorNode {
    /// What closing a case did, decided inside its store transaction.
    enum CloseOutcome: Sendable { case closed, notOpen, earlier([UInt8]) }
}

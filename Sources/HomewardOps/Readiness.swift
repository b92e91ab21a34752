/// What `/ready` answers: ready (200), or not ready (503) with the reasons,
/// one per line, so an operator reading the body knows what is missing.
public struct Readiness: Sendable, Equatable {
    public var reasons: [String]
    public var isReady: Bool { reasons.isEmpty }

    public init(reasons: [String]) { self.reasons = reasons }

    public static let ready = Readiness(reasons: [])
}

/// The provinces a user may see. Every page, event and forwarded request is
/// filtered through this one check.
public struct ProvinceScope: Sendable, Equatable {
    /// nil: every province (national).
    public let provinces: Set<String>?

    public init(_ codes: [String]) { provinces = codes.isEmpty ? nil : Set(codes) }

    public var isNational: Bool { provinces == nil }

    /// An alert is visible when one of the provinces it was sent to is in scope.
    public func covers(any codes: [String]) -> Bool {
        guard let provinces else { return true }
        return codes.contains { provinces.contains($0) }
    }

    public func covers(_ code: String) -> Bool { provinces?.contains(code) ?? true }
}

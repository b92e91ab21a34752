/// A child's sex as recorded on a case or estimated on a sighting.
public enum Sex: UInt8, Hashable, Sendable, Codable, CaseIterable {
    case unknown = 0
    case female = 1
    case male = 2

    /// Contract step 3: only two known, different sexes rule a match out.
    @inlinable
    public func isCompatible(with other: Sex) -> Bool {
        self == .unknown || other == .unknown || self == other
    }
}

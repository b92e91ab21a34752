/// A key, allow-list or security setting that cannot be used, with what to do about it.
public struct SecurityError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

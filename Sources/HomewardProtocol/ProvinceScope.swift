/// The provinces a key acts for: every province (`national`, written `*` in
/// the allow-list) or a list of six-digit codes.
public enum ProvinceScope: Sendable, Equatable, Hashable {
    case national
    case provinces(Set<String>)

    /// Parses the allow-list form: `["*"]` or six-digit codes. Empty is refused:
    /// a scoped key that names no province is always a mistake.
    public init(codes: [String]) throws(ProtocolError) {
        if codes == ["*"] { self = .national; return }
        guard !codes.isEmpty else {
            throw ProtocolError(.tooFew, field: "provinces", "a key's provinces are \"*\" or one or more six-digit codes; none were given")
        }
        for code in codes where !ProvinceCode.isValid(code) {
            throw ProtocolError(.provinceCode, field: "provinces", "\"\(code)\" is not a six-digit province code (or \"*\" for every province)")
        }
        self = .provinces(Set(codes))
    }

    /// The allow-list form.
    public var codes: [String] {
        switch self {
        case .national: ["*"]
        case .provinces(let set): set.sorted()
        }
    }

    /// Whether something in `province` is within this scope. Something with no
    /// province (a point off the map, the national topic) is national business.
    public func contains(_ province: String?) -> Bool {
        switch self {
        case .national: true
        case .provinces(let set): province.map(set.contains) ?? false
        }
    }

    /// Whether any of `provinces` is within this scope.
    public func containsAny(_ provinces: [String?]) -> Bool {
        provinces.contains { contains($0) }
    }
}

/// A provincial-level division of China (GB/T 2260 code, e.g. 440000 Guangdong).
public struct Province: Hashable, Sendable, CustomStringConvertible {
    public let code: Int
    public let nameZh: String
    public let nameEn: String
    public let iso3166_2: String

    public init(code: Int, nameZh: String, nameEn: String, iso3166_2: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.iso3166_2 = iso3166_2
    }

    public var description: String { "\(code) \(nameEn)" }
}
